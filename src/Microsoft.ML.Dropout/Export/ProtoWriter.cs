using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Google.Protobuf;

namespace Microsoft.ML.Dropout.Export;

/// <summary>
/// Writes one protobuf message field by field with <see cref="CodedOutputStream"/>; nested messages are written
/// as length-delimited bytes. Repeated scalar fields are written unpacked (onnx.proto is proto2, where unpacked is
/// the default encoding; parsers accept both).
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();
    private readonly CodedOutputStream _output;

    internal ProtoWriter() => _output = new CodedOutputStream(_buffer, leaveOpen: true);

    internal ProtoWriter Int64(int field, long value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteInt64(value);
        return this;
    }

    internal ProtoWriter Int32(int field, int value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteInt32(value);
        return this;
    }

    internal ProtoWriter Float(int field, float value)
    {
        _output.WriteTag(field, WireFormat.WireType.Fixed32);
        _output.WriteFloat(value);
        return this;
    }

    internal ProtoWriter String(int field, string value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteString(value);
        return this;
    }

    internal ProtoWriter Bytes(int field, byte[] value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteBytes(UnsafeByteOperations.UnsafeWrap(value));
        return this;
    }

    internal ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    internal ProtoWriter Message(int field, byte[] encodedMessage) => Bytes(field, encodedMessage);

    internal byte[] ToArray()
    {
        _output.Flush();
        return _buffer.ToArray();
    }

    /// <summary>Little-endian IEEE-754 bytes, as ONNX <c>raw_data</c> requires.</summary>
    internal static byte[] LittleEndian(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        if (BitConverter.IsLittleEndian)
            MemoryMarshal.AsBytes(values).CopyTo(bytes);
        else
            for (int i = 0; i < values.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        return bytes;
    }

    /// <summary>Little-endian two's-complement bytes, as ONNX <c>raw_data</c> requires.</summary>
    internal static byte[] LittleEndian(ReadOnlySpan<long> values)
    {
        var bytes = new byte[values.Length * sizeof(long)];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
        return bytes;
    }
}
