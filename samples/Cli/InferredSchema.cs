using Microsoft.ML.Data;

namespace MLNetRegularization.Samples.Cli;

/// <summary>What <see cref="ColumnInference"/> found in a data file.</summary>
/// <param name="Path">The data file.</param>
/// <param name="Separator">Field separator.</param>
/// <param name="HasHeader">Whether the first line holds column names.</param>
/// <param name="Columns">Every column, in file order.</param>
/// <param name="RowCount">Non-empty data lines.</param>
/// <param name="LabelValues">Distinct non-missing label values (up to 1,000) with their counts.</param>
/// <param name="MissingLabels">Rows whose label is empty or missing.</param>
/// <param name="FirstMissingLabelLine">Row number of the first such row, comment lines not counted (0 when none).</param>
internal sealed record InferredSchema(string Path, char Separator, bool HasHeader, IReadOnlyList<InferredColumn> Columns, int RowCount,
    IReadOnlyDictionary<string, int> LabelValues, int MissingLabels, int FirstMissingLabelLine)
{
    /// <summary>The label column.</summary>
    public InferredColumn Label => Columns.Single(c => c.Kind == ColumnKind.Label);

    /// <summary>Columns that are loaded (features and label).</summary>
    public IEnumerable<InferredColumn> Loaded => Columns.Where(c => c.Kind != ColumnKind.Ignored);

    /// <summary>TextLoader columns for <see cref="Loaded"/>.</summary>
    public TextLoader.Column[] LoaderColumns() =>
        Loaded.Select(c => new TextLoader.Column(c.ColumnName, c.LoadAsNumber ? DataKind.Single : DataKind.String, c.Index)).ToArray();
}
