using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Scoring;

/// <summary>
/// A cursor that reads up to <see cref="BlockScorer.BlockRows"/> input rows ahead, scores their features with one
/// <see cref="BlockScorer.Score"/> call, keeps the requested passthrough values, and then serves the rows one by one; prediction
/// columns come from the chain's ML.NET head applied to each row's network output.
/// </summary>
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
    private readonly DataViewRowId[] _ids;
    private readonly float[] _featureBlock;
    private readonly float[] _outputBlock;
    private VBuffer<float> _row;
    private int _count;
    private int _slot = -1;
    private long _position = -1;

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
        int capacity = BlockScorer.BlockRows;
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
        if (_slot + 1 >= _count)
        {
            if (!ReadBlock()) return false;
            _slot = -1;
        }
        _slot++;
        _position++;
        return true;
    }

    private bool ReadBlock()
    {
        _count = 0;
        int d = _scorer.InputSize;
        while (_count < _ids.Length && _input.MoveNext())
        {
            _inputId(ref _ids[_count]);
            foreach (var buffer in _buffers) buffer.Capture(_count);
            if (_features != null)
            {
                _features(ref _row);
                _row.CopyTo(_featureBlock.AsSpan(_count * d, d));
            }
            _count++;
        }
        if (_count > 0 && _features != null)
            _scorer.Score(_featureBlock, _count, _outputBlock);
        return _count > 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _head?.Dispose();
            _input.Dispose();
        }
        base.Dispose(disposing);
    }
}
