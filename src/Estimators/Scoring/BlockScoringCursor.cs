using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Scoring;

/// <summary>
/// A cursor that reads blocks of up to <see cref="BlockScorer.BlockRows"/> input rows, scores each block's features
/// with one <see cref="BlockScorer.Score"/> call, keeps the requested passthrough values, and then serves the rows
/// one by one; prediction columns come from the chain's ML.NET head applied to each row's network output.
/// </summary>
/// <remarks>
/// <para>
/// Double buffered: every buffer has two halves. While the consumer is served the rows of one half, one background
/// task reads the next block of input rows into the other half and scores it (on up to one thread per core), so
/// reading, scoring and the consumer's own work (the head, the getters) overlap. Memory stays bounded at two
/// blocks. The first block is read and scored on the consumer's thread.
/// </para>
/// <para>
/// The input cursor is used by one thread at a time: by the background task while it runs, and by nobody else
/// (the consumer reads only the halves' buffers). Values do not depend on the threading: every row is scored by
/// the same per-row arithmetic whichever thread runs it and whichever block it is in.
/// </para>
/// <para>
/// An exception thrown while reading or scoring a block surfaces, unchanged (same type and message), from the
/// <see cref="MoveNext"/> that reaches the block's first row. <see cref="Dispose(bool)"/> asks the task to stop
/// after its current row, waits for it and only then disposes the input cursor.
/// </para>
/// </remarks>
internal sealed class BlockScoringCursor : DataViewRowCursor, INetworkOutputSource
{
    private readonly DataViewRowCursor _input;
    private readonly BlockScorer _scorer;
    private readonly OutputColumnMap _map;
    private readonly bool[] _active;
    private readonly Delegate?[] _passthrough;
    private readonly List<ColumnValueBuffer> _buffers = new();
    private readonly ValueGetter<VBuffer<float>>? _features;
    private readonly HeadPredictions? _head;
    private readonly ValueGetter<DataViewRowId> _inputId;
    /// <summary>Rows per block (one half of each buffer).</summary>
    private readonly int _blockRows;
    /// <summary>Row ids, features and network outputs of both halves: half h holds slots [h·blockRows, (h + 1)·blockRows).</summary>
    private readonly DataViewRowId[] _ids;
    private readonly float[] _featureBlock;
    private readonly float[] _outputBlock;
    /// <summary>The feature vector of the input row being read (used by the reading thread only).</summary>
    private VBuffer<float> _row;
    /// <summary>The half the consumer is served from, or −1 before the first block.</summary>
    private int _half = -1;
    /// <summary>Absolute slot of the current row, and the end of the current block's rows.</summary>
    private int _slot = -1;
    private int _end;
    private long _position = -1;
    /// <summary>The background task filling and scoring the other half; its result is the rows it read.</summary>
    private Task<int>? _next;
    /// <summary>True once the input has no more rows (a block came back short).</summary>
    private bool _inputEnded;
    /// <summary>Set by <see cref="Dispose(bool)"/>: the background task stops after its current row.</summary>
    private volatile bool _stopping;
    private bool _disposed;

    internal BlockScoringCursor(IDataView input, BlockScorer scorer, OutputColumnMap map, IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand)
    {
        _scorer = scorer;
        _map = map;
        var needed = columnsNeeded.ToList();
        _active = new bool[map.OutputSchema.Count];
        foreach (var column in needed) _active[column.Index] = true;
        var headColumns = map.HeadColumns(needed);
        _input = input.GetRowCursor(map.Dependencies(needed, scorer.FeatureColumn), rand);
        _inputId = _input.GetIdGetter();
        _blockRows = BlockScorer.BlockRows;
        int capacity = 2 * _blockRows;
        _ids = new DataViewRowId[capacity];
        _passthrough = new Delegate?[map.OutputSchema.Count];
        foreach (var column in needed)
        {
            if (map.InputColumn(column.Index) is not { } source) continue;
            var buffer = ColumnValueBuffer.Create(_input, source, capacity);
            _buffers.Add(buffer);
            _passthrough[column.Index] = buffer.Getter(() => _slot);
        }
        _featureBlock = headColumns.Count > 0 ? new float[capacity * scorer.InputSize] : Array.Empty<float>();
        _outputBlock = headColumns.Count > 0 ? new float[capacity * scorer.OutputWidth] : Array.Empty<float>();
        if (headColumns.Count > 0)
        {
            _features = _input.GetGetter<VBuffer<float>>(map.InputSchema[scorer.FeatureColumn]);
            _head = new HeadPredictions(scorer, this, headColumns);
        }
    }

    public override DataViewSchema Schema => _map.OutputSchema;

    public override long Position => _position;

    public override long Batch => 0;

    /// <summary>The background task reading and scoring the next block, or null when none was started (tests: it must have ended after <see cref="Dispose(bool)"/>).</summary>
    internal Task? NextBlockTask => _next;

    public ReadOnlySpan<float> CurrentOutput() => _outputBlock.AsSpan(_slot * _scorer.OutputWidth, _scorer.OutputWidth);

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!_active[column.Index])
            throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created; add it to columnsNeeded.");
        if (_map.HeadColumn(column.Index) is { } name)
            return _head!.GetGetter<TValue>(name);
        return _passthrough[column.Index] as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}; it cannot be read as {typeof(TValue).Name}.");
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = _ids[_slot];

    public override bool MoveNext()
    {
        if (_slot + 1 < _end)
        {
            _slot++;
            _position++;
            return true;
        }
        if (!NextBlock()) return false;
        _position++;
        return true;
    }

    /// <summary>
    /// Makes the next block current: the background task's (waiting for it; its exception, if any, is rethrown as
    /// it was thrown), or, for the first block, one read here. Starts the task on the half just released when the
    /// input may have more rows.
    /// </summary>
    private bool NextBlock()
    {
        if (_inputEnded && _next is null) return false;
        int half = _half < 0 ? 0 : 1 - _half;
        int count;
        if (_next is { } task)
        {
            _next = null;
            count = task.GetAwaiter().GetResult();
        }
        else
        {
            count = ReadAndScore(half);
        }
        if (count < _blockRows) _inputEnded = true;
        if (count == 0) return false;
        _half = half;
        _slot = half * _blockRows;
        _end = _slot + count;
        if (!_inputEnded)
        {
            int other = 1 - half;
            _next = Task.Run(() => ReadAndScore(other));
        }
        return true;
    }

    /// <summary>Reads up to one block of input rows into half <paramref name="half"/> and scores them; returns the rows read (0 at the end, or after <see cref="Dispose(bool)"/> asked to stop).</summary>
    private int ReadAndScore(int half)
    {
        int start = half * _blockRows, end = start + _blockRows, slot = start, d = _scorer.InputSize;
        while (slot < end && !_stopping && _input.MoveNext())
        {
            _inputId(ref _ids[slot]);
            foreach (var buffer in _buffers) buffer.Capture(slot);
            if (_features != null)
            {
                _features(ref _row);
                _row.CopyTo(_featureBlock.AsSpan(slot * d, d));
            }
            slot++;
        }
        int count = slot - start;
        if (_stopping) return 0;
        if (count > 0 && _features != null)
        {
            int width = _scorer.OutputWidth;
            _scorer.Score(_featureBlock.AsMemory(start * d, count * d), count, _outputBlock.AsMemory(start * width, count * width));
        }
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _stopping = true;
            if (_next is { } task)
            {
                // The task uses the input cursor: let it finish before disposing it. Its failure no longer matters.
                try { task.Wait(); }
                catch (AggregateException) { }
            }
            _head?.Dispose();
            _input.Dispose();
        }
        base.Dispose(disposing);
    }
}
