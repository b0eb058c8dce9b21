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

    internal ProtoWriter Int64(int field, long value) => Write(field, WireFormat.WireType.Varint, o => o.WriteInt64(value));

    internal ProtoWriter Int32(int field, int value) => Write(field, WireFormat.WireType.Varint, o => o.WriteInt32(value));

    internal ProtoWriter Float(int field, float value) => Write(field, WireFormat.WireType.Fixed32, o => o.WriteFloat(value));

    internal ProtoWriter String(int field, string value) => Write(field, WireFormat.WireType.LengthDelimited, o => o.WriteString(value));

    internal ProtoWriter Bytes(int field, byte[] value) =>
        Write(field, WireFormat.WireType.LengthDelimited, o => o.WriteBytes(UnsafeByteOperations.UnsafeWrap(value)));

    /// <summary>Writes <paramref name="write"/> once per item, in order: a repeated field.</summary>
    internal ProtoWriter Each<T>(IEnumerable<T> items, Func<ProtoWriter, T, ProtoWriter> write)
    {
        foreach (var item in items)
            write(this, item);
        return this;
    }

    internal ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    internal ProtoWriter Message(int field, byte[] encodedMessage) => Bytes(field, encodedMessage);

    /// <summary>Writes the field's tag, then its value.</summary>
    private ProtoWriter Write(int field, WireFormat.WireType wireType, Action<CodedOutputStream> value)
    {
        _output.WriteTag(field, wireType);
        value(_output);
        return this;
    }

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
