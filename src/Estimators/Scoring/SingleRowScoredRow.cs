using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Inference;

namespace Microsoft.ML.Dropout.Estimators.Scoring;

/// <summary>
/// One input row plus the prediction columns, scored on demand once per input position: the features are copied
/// into a buffer this row owns, the network runs on that one row in managed code (<see cref="BlockScorer.RowEvaluator"/>,
/// no ONNX Runtime call: its fixed cost per call exceeds the row's arithmetic), and the chain's head maps the output.
/// </summary>
internal sealed class SingleRowScoredRow : DataViewRow, INetworkOutputSource
{
    private readonly DataViewRow _input;
    private readonly BlockScorer _scorer;
    private readonly OutputColumnMap _map;
    private readonly bool[] _active;
    private readonly HeadPredictions? _head;
    private readonly ValueGetter<VBuffer<float>>? _features;
    private readonly float[] _featureValues;
    private readonly float[] _outputValues;
    private readonly SnapshotRowEvaluator _network;
    private VBuffer<float> _row;
    private long _scoredPosition = -1;

    internal SingleRowScoredRow(DataViewRow input, BlockScorer scorer, OutputColumnMap map, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        _input = input;
        _scorer = scorer;
        _map = map;
        var active = activeColumns.ToList();
        _active = new bool[map.OutputSchema.Count];
        foreach (var column in active) _active[column.Index] = true;
        _featureValues = new float[scorer.InputSize];
        _outputValues = new float[scorer.OutputWidth];
        _network = scorer.RowEvaluator.WithOwnBuffers();
        var headColumns = map.HeadColumns(active);
        if (headColumns.Count > 0)
        {
            _features = input.GetGetter<VBuffer<float>>(input.Schema[scorer.FeatureColumn]);
            _head = new HeadPredictions(scorer, this, headColumns);
        }
    }

    public override DataViewSchema Schema => _map.OutputSchema;

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public ReadOnlySpan<float> CurrentOutput()
    {
        long position = _input.Position;
        if (position != _scoredPosition || position < 0)
        {
            _features!(ref _row);
            _row.CopyTo(_featureValues);
            _network.Forward(_featureValues, _outputValues);
            _scoredPosition = position;
        }
        return _outputValues;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!_active[column.Index])
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this row; request it in activeColumns.");
        if (_map.HeadColumn(column.Index) is { } name)
            return _head!.GetGetter<TValue>(name);
        return _input.GetGetter<TValue>(_map.InputColumn(column.Index)!.Value);
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _head?.Dispose();
        }
        base.Dispose(disposing);
    }
}
