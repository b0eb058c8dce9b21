using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Scoring;

/// <summary>
/// A one-column row (the head's feature column) whose value is the current row's network output: the input that
/// the chain's ML.NET head maps to Score/Probability/PredictedLabel.
/// </summary>
internal sealed class HeadInputRow : DataViewRow
{
    private readonly INetworkOutputSource _source;
    private readonly int _width;

    internal HeadInputRow(INetworkOutputSource source, DataViewSchema schema, int width)
    {
        _source = source;
        Schema = schema;
        _width = width;
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _source.Position;

    public override long Batch => 0;

    public override bool IsColumnActive(DataViewSchema.Column column) => true;

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (typeof(TValue) != typeof(VBuffer<float>))
            throw new InvalidOperationException($"Column '{column.Name}' holds VBuffer<Single>, not {typeof(TValue).Name}.");
        ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
        {
            var editor = VBufferEditor.Create(ref value, _width);
            _source.CurrentOutput().CopyTo(editor.Values);
            value = editor.Commit();
        };
        return (ValueGetter<TValue>)(Delegate)getter;
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() =>
        (ref DataViewRowId id) => id = new DataViewRowId((ulong)_source.Position, 0);
}
