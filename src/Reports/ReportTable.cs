namespace Microsoft.ML.Dropout.Reports;

/// <summary>A table of a report: a caption, column headers and rows of cells (already formatted).</summary>
/// <param name="Caption">Shown above the table.</param>
/// <param name="Columns">Header cells.</param>
/// <param name="Rows">Rows of cells; each row has as many cells as <paramref name="Columns"/>.</param>
public sealed record ReportTable(string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
