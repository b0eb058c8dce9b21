using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Scoring;

/// <summary>
/// What the fitted transformer's <c>Transform</c> returns: the input plus the prediction columns, with the scoring
/// chain's output schema, served by <see cref="BlockScoringCursor"/> (one ONNX Runtime call per block of rows, or managed rows when
/// the embedding is folded: <see cref="BlockScorer.Score"/>).
/// Lazy like every ML.NET data view: nothing is scored until a cursor moves.
/// </summary>
internal sealed class BlockScoredDataView : IDataView
{
    private readonly IDataView _input;
    private readonly BlockScorer _scorer;
    private readonly OutputColumnMap _map;

    internal BlockScoredDataView(IDataView input, BlockScorer scorer, OutputColumnMap map)
    {
        _input = input;
        _scorer = scorer;
        _map = map;
    }

    public DataViewSchema Schema => _map.OutputSchema;

    public bool CanShuffle => _input.CanShuffle;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        return new BlockScoringCursor(_input, _scorer, _map, columnsNeeded, rand);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        new[] { GetRowCursor(columnsNeeded, rand) };
}
