using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Scoring;

/// <summary>
/// The chain's ML.NET head applied to one <see cref="INetworkOutputSource"/>: getters for Score, Probability and
/// PredictedLabel computed by ML.NET's own code from the current row's network output.
/// </summary>
internal sealed class HeadPredictions : IDisposable
{
    private readonly DataViewRow _row;

    internal HeadPredictions(BlockScorer scorer, INetworkOutputSource source, IReadOnlyList<string> headColumns)
    {
        var mapper = scorer.Head.GetRowToRowMapper(scorer.HeadInputSchema);
        _row = mapper.GetRow(new HeadInputRow(source, scorer.HeadInputSchema, scorer.OutputWidth), headColumns.Select(n => mapper.OutputSchema[n]));
    }

    /// <summary>The getter of the head's output column <paramref name="name"/>.</summary>
    internal ValueGetter<TValue> GetGetter<TValue>(string name) => _row.GetGetter<TValue>(_row.Schema[name]);

    public void Dispose() => _row.Dispose();
}
