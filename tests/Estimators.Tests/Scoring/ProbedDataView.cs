using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Tests.Scoring;

/// <summary>
/// An IDataView over another whose cursor records how it is used — rows moved to, whether it was disposed, a move
/// after disposal or two threads moving it at once — and runs <see cref="BeforeRow"/> before moving to each row
/// (e.g. throw at one row, or slow the rows down): a probe for the block scorer's background reading.
/// </summary>
internal sealed class ProbedDataView(IDataView inner, Action<long> beforeRow) : IDataView
{
    private ProbedCursor? _last;

    /// <summary>Runs before the cursor moves to row <c>position</c> (0-based).</summary>
    public Action<long> BeforeRow => beforeRow;

    /// <summary>The most recent cursor made.</summary>
    public ProbedCursor LastCursor => _last ?? throw new InvalidOperationException("No cursor was made over the probed view.");

    public bool CanShuffle => false;
    public DataViewSchema Schema => inner.Schema;
    public long? GetRowCount() => inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        _last = new ProbedCursor(inner.GetRowCursor(columnsNeeded, rand), beforeRow);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        new[] { GetRowCursor(columnsNeeded, rand) };

    /// <summary>The probed cursor and what happened to it.</summary>
    internal sealed class ProbedCursor(DataViewRowCursor inner, Action<long> beforeRow) : DataViewRowCursor
    {
        private int _moving;
        private long _rows;

        /// <summary>Rows the cursor moved to.</summary>
        public long Rows => Interlocked.Read(ref _rows);

        /// <summary>True once disposed.</summary>
        public bool Disposed { get; private set; }

        /// <summary>True if MoveNext ran after disposal, or on two threads at once.</summary>
        public bool Misused { get; private set; }

        public override DataViewSchema Schema => inner.Schema;
        public override long Position => inner.Position;
        public override long Batch => inner.Batch;
        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();
        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);
        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => inner.GetGetter<TValue>(column);

        public override bool MoveNext()
        {
            if (Disposed || Interlocked.Exchange(ref _moving, 1) == 1)
                Misused = true;
            try
            {
                beforeRow(inner.Position + 1);
                bool moved = inner.MoveNext();
                if (moved) Interlocked.Increment(ref _rows);
                return moved;
            }
            finally
            {
                Volatile.Write(ref _moving, 0);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !Disposed)
            {
                Disposed = true;
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
