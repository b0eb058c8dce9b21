using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Scoring;

/// <summary>
/// The values of one passthrough column for a block of rows: the cursor reads a block ahead to score it in one
/// call, so it keeps each row's passthrough values until the consumer reaches that row.
/// </summary>
internal abstract class ColumnValueBuffer
{
    /// <summary>Reads the input cursor's current value of the column into block slot <paramref name="slot"/>.</summary>
    internal abstract void Capture(int slot);

    /// <summary>A getter that serves the value of the slot <paramref name="currentSlot"/> returns.</summary>
    internal abstract Delegate Getter(Func<int> currentSlot);

    /// <summary>A buffer for <paramref name="column"/> of <paramref name="input"/> with <paramref name="capacity"/> slots.</summary>
    internal static ColumnValueBuffer Create(DataViewRowCursor input, DataViewSchema.Column column, int capacity)
    {
        var type = column.Type is VectorDataViewType vector
            ? typeof(VectorValueBuffer<>).MakeGenericType(vector.ItemType.RawType)
            : typeof(ScalarValueBuffer<>).MakeGenericType(column.Type.RawType);
        return (ColumnValueBuffer)Activator.CreateInstance(type, input, column, capacity)!;
    }

    /// <summary>Scalars (numbers, text, keys, ...): values are copied as they are.</summary>
    private sealed class ScalarValueBuffer<T>(DataViewRowCursor input, DataViewSchema.Column column, int capacity) : ColumnValueBuffer
    {
        private readonly ValueGetter<T> _source = input.GetGetter<T>(column);
        private readonly T[] _values = new T[capacity];

        internal override void Capture(int slot) => _source(ref _values[slot]);

        internal override Delegate Getter(Func<int> currentSlot) => (ValueGetter<T>)((ref T value) => value = _values[currentSlot()]);
    }

    /// <summary>Vectors: each slot owns its buffers, and the consumer gets a copy (ML.NET getters never share buffers).</summary>
    private sealed class VectorValueBuffer<T>(DataViewRowCursor input, DataViewSchema.Column column, int capacity) : ColumnValueBuffer
    {
        private readonly ValueGetter<VBuffer<T>> _source = input.GetGetter<VBuffer<T>>(column);
        private readonly VBuffer<T>[] _values = new VBuffer<T>[capacity];

        internal override void Capture(int slot) => _source(ref _values[slot]);

        internal override Delegate Getter(Func<int> currentSlot) =>
            (ValueGetter<VBuffer<T>>)((ref VBuffer<T> value) => _values[currentSlot()].CopyTo(ref value));
    }
}
