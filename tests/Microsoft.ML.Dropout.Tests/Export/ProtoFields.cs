using Google.Protobuf;

namespace Microsoft.ML.Dropout.Tests.Export;

/// <summary>A minimal protobuf field reader used to inspect exported ModelProto bytes independently of the writer.</summary>
internal sealed class ProtoFields
{
    private readonly List<(int Field, object Value)> _fields = new();

    internal ProtoFields(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            int field = WireFormat.GetTagFieldNumber(tag);
            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.Varint: _fields.Add((field, input.ReadInt64())); break;
                case WireFormat.WireType.Fixed32: _fields.Add((field, input.ReadFloat())); break;
                case WireFormat.WireType.LengthDelimited: _fields.Add((field, input.ReadBytes().ToByteArray())); break;
                default: input.SkipLastField(); break;
            }
        }
    }

    internal long Int(int field) => (long)_fields.Single(f => f.Field == field).Value;

    internal string String(int field) => System.Text.Encoding.UTF8.GetString((byte[])_fields.Single(f => f.Field == field).Value);

    internal IEnumerable<string> Strings(int field) =>
        _fields.Where(f => f.Field == field).Select(f => System.Text.Encoding.UTF8.GetString((byte[])f.Value));

    internal ProtoFields Message(int field) => new((byte[])_fields.Single(f => f.Field == field).Value);

    internal IEnumerable<ProtoFields> Messages(int field) =>
        _fields.Where(f => f.Field == field).Select(f => new ProtoFields((byte[])f.Value));
}
