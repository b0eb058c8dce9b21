using System.Globalization;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Data;

/// <summary>
/// The rows a read left out, as ML.NET's own trainers do (their <c>FloatLabelCursor</c> skips a row whose label is not
/// finite or whose weight is not a finite positive number): a missing label (NaN or infinite for regression, the
/// missing key for multiclass) or a negative, NaN or infinite example weight. Counts each kind and keeps the first
/// row of each, so the warning names them; a row with both counts as a missing label.
/// </summary>
internal sealed class SkippedRows
{
    private long _labels, _labelRow = -1, _weights, _weightRow = -1;
    private double _label, _weight;

    /// <summary>Rows skipped for either reason.</summary>
    internal long Count => _labels + _weights;

    internal void Label(long row, double value)
    {
        if (_labels++ == 0) { _labelRow = row; _label = value; }
    }

    internal void Weight(long row, double value)
    {
        if (_weights++ == 0) { _weightRow = row; _weight = value; }
    }

    /// <summary>What was skipped and how to keep the rows, or null when nothing was.</summary>
    internal string? Notice(ColumnBinding binding, string role, long rowsRead) => Count == 0 ? null :
        $"Skipped {Count} of the {rowsRead} {role} rows, as ML.NET's trainers do: {Reasons(binding)}. " +
        (_labels > 0
            ? $"Remove them before the trainer with mlContext.Data.FilterRowsByMissingValues(data, \"{binding.LabelColumn}\") to silence this, or fill the labels in."
            : "Fix those weights (finite and ≥ 0) to train on these rows.");

    /// <summary>The error when every row was skipped.</summary>
    internal string NothingLeft(ColumnBinding binding, string role, long rowsRead) =>
        $"All {rowsRead} {role} rows were skipped, so there is nothing to train on: {Reasons(binding)}. " +
        (_labels > 0
            ? $"Fill the label column '{binding.LabelColumn}' in, or check the loader (a label read as the wrong type becomes missing)."
            : $"Fix the example weight column '{binding.WeightColumn}' (finite and ≥ 0), or set ExampleWeightColumnName to null.");

    private string Reasons(ColumnBinding binding)
    {
        var parts = new List<string>();
        if (_labels > 0)
            parts.Add($"{_labels} whose label '{binding.LabelColumn}' is {LabelKind(binding.Task)} (the first at row {_labelRow}{Value(binding.Task, _label)})");
        if (_weights > 0)
            parts.Add($"{_weights} whose example weight '{binding.WeightColumn}' is negative, NaN or infinite (the first at row {_weightRow}: {F(_weight)})");
        return string.Join("; ", parts);
    }

    private static string LabelKind(TaskKind task) => task == TaskKind.MulticlassClassification
        ? "the missing key (key 0: a value the fitted MapValueToKey never saw, or a missing value)"
        : "NaN or infinite";

    private static string Value(TaskKind task, double value) => task == TaskKind.MulticlassClassification ? "" : $": {F(value)}";

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
