using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Scoring;

/// <summary>
/// Where each column of the scoring chain's output schema comes from, for one input schema: a passthrough input
/// column, or a prediction column of the head (Score, Probability, PredictedLabel). The output schema itself,
/// annotations included, is the chain's, so the batched path and the saved chain describe their output alike.
/// </summary>
internal sealed class OutputColumnMap
{
    private readonly int[] _inputIndex;
    private readonly string?[] _headColumn;

    internal OutputColumnMap(DataViewSchema inputSchema, DataViewSchema outputSchema, DataViewSchema headOutputSchema, string headInputColumn)
    {
        InputSchema = inputSchema;
        OutputSchema = outputSchema;
        var predictions = headOutputSchema.Where(c => !c.IsHidden && c.Name != headInputColumn).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        _inputIndex = new int[outputSchema.Count];
        _headColumn = new string?[outputSchema.Count];
        // Passthrough columns keep their order; for a repeated name the last output occurrence is the last input one.
        var usedFromEnd = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = outputSchema.Count - 1; j >= 0; j--)
        {
            var column = outputSchema[j];
            _inputIndex[j] = -1;
            if (!column.IsHidden && predictions.Contains(column.Name))
            {
                _headColumn[j] = column.Name;
                continue;
            }
            int skip = usedFromEnd.GetValueOrDefault(column.Name);
            usedFromEnd[column.Name] = skip + 1;
            var source = inputSchema.Where(c => c.Name == column.Name).Reverse().Skip(skip).Cast<DataViewSchema.Column?>().FirstOrDefault();
            if (source is not { } input || !input.Type.Equals(column.Type))
                throw new InvalidOperationException($"Output column '{column.Name}' of the scoring chain has no input column of type {column.Type} to pass through; this should not happen. Please report it.");
            _inputIndex[j] = input.Index;
        }
    }

    internal DataViewSchema InputSchema { get; }

    internal DataViewSchema OutputSchema { get; }

    /// <summary>The input column that output column <paramref name="output"/> passes through, or null for a prediction column.</summary>
    internal DataViewSchema.Column? InputColumn(int output) => _inputIndex[output] >= 0 ? InputSchema[_inputIndex[output]] : null;

    /// <summary>The head's output column behind prediction column <paramref name="output"/>, or null for a passthrough column.</summary>
    internal string? HeadColumn(int output) => _headColumn[output];

    /// <summary>The head's output columns behind <paramref name="outputs"/>.</summary>
    internal IReadOnlyList<string> HeadColumns(IEnumerable<DataViewSchema.Column> outputs) =>
        outputs.Select(c => _headColumn[c.Index]).OfType<string>().Distinct().ToList();

    /// <summary>The input columns needed to serve <paramref name="outputs"/>: passthrough sources, plus the feature column if a prediction is needed.</summary>
    internal IEnumerable<DataViewSchema.Column> Dependencies(IEnumerable<DataViewSchema.Column> outputs, string featureColumn)
    {
        var needed = new HashSet<int>();
        foreach (var column in outputs)
        {
            if (_inputIndex[column.Index] >= 0) needed.Add(_inputIndex[column.Index]);
            else needed.Add(InputSchema[featureColumn].Index);
        }
        return needed.OrderBy(i => i).Select(i => InputSchema[i]);
    }
}
