using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Scoring;

/// <summary>
/// The fitted transformer's row-to-row mapper (what <c>PredictionEngine</c> uses): each row it makes scores one
/// input row at a time in managed code with buffers it owns, so a prediction allocates no arrays of ours. Like ML.NET's own
/// mappers, a row belongs to one thread; build one PredictionEngine per thread.
/// </summary>
internal sealed class SingleRowScoringMapper : IRowToRowMapper
{
    private readonly BlockScorer _scorer;
    private readonly OutputColumnMap _map;

    internal SingleRowScoringMapper(BlockScorer scorer, OutputColumnMap map)
    {
        _scorer = scorer;
        _map = map;
    }

    public DataViewSchema InputSchema => _map.InputSchema;

    public DataViewSchema OutputSchema => _map.OutputSchema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        _map.Dependencies(dependingColumns, _scorer.FeatureColumn);

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(activeColumns);
        return new SingleRowScoredRow(input, _scorer, _map, activeColumns);
    }
}
