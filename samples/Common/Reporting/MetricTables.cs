using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Estimators;
using Microsoft.ML.Dropout.Metrics;
using Microsoft.ML.Dropout.Reports;

namespace MLNetRegularization.Samples.Reporting;

/// <summary>ML.NET evaluation results, calibration and training facts as <see cref="ReportTable"/>s (for console and HTML).</summary>
public static class MetricTables
{
    private static readonly string[] Columns = { "metric", "value" };

    /// <summary>ML.NET's binary classification metrics on the test set.</summary>
    public static ReportTable Binary(CalibratedBinaryClassificationMetrics m) => new("Test metrics (ML.NET evaluator)", Columns, new[]
    {
        Row("accuracy", m.Accuracy), Row("AUC (ROC)", m.AreaUnderRocCurve), Row("AUC (precision-recall)", m.AreaUnderPrecisionRecallCurve),
        Row("F1", m.F1Score), Row("precision (positive)", m.PositivePrecision), Row("recall (positive)", m.PositiveRecall),
        Row("log-loss (bits, as ML.NET reports it)", m.LogLoss), Row("log-loss reduction", m.LogLossReduction),
    });

    /// <summary>ML.NET's multiclass classification metrics on the test set.</summary>
    public static ReportTable Multiclass(MulticlassClassificationMetrics m) => new("Test metrics (ML.NET evaluator)", Columns, new[]
    {
        Row("micro accuracy", m.MicroAccuracy), Row("macro accuracy", m.MacroAccuracy), Row("log-loss (nats)", m.LogLoss),
        Row("log-loss reduction", m.LogLossReduction),
    });

    /// <summary>ML.NET's regression metrics on the test set.</summary>
    public static ReportTable Regression(RegressionMetrics m) => new("Test metrics (ML.NET evaluator)", Columns, new[]
    {
        Row("RMSE", m.RootMeanSquaredError), Row("MAE", m.MeanAbsoluteError), Row("R²", m.RSquared), Row("MSE", m.MeanSquaredError),
    });

    /// <summary>Calibration from <c>mlContext.*.EvaluateCalibration</c> (the Reports library's table).</summary>
    public static ReportTable Calibration(CalibrationMetrics c) => CalibrationTable.Create(c);

    /// <summary>How training went: epochs, best epoch, the refit, stop reason, seconds, layer sizes.</summary>
    public static ReportTable Training(RegularizedMlpModelParameters model, string dataNote) => new("Training", Columns, new[]
    {
        Text("data", dataNote),
        Text("layers (input → hidden → output)", string.Join(" → ", model.LayerSizes)),
        Text("epochs run", model.History.Count.ToString(CultureInfo.InvariantCulture)),
        Text("best epoch (weights kept)", model.BestEpoch.ToString(CultureInfo.InvariantCulture)),
        Text("refit on all training rows (RefitOnAllRows)", model.RefitEpochs is int refit ? $"{refit} epochs: the model's weights" : "no"),
        Text("stop reason", model.StopReason.ToString()),
        Text("training seconds", model.TrainingSeconds.ToString("0.0", CultureInfo.InvariantCulture)),
        Text("final train − validation gap", model.History.Count > 0 && model.History[^1].Gap is double g ? F(g) : "-"),
    });

    /// <summary>Formats a metric with 4 decimals (invariant culture).</summary>
    public static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> Row(string name, double value) => new[] { name, F(value) };
    private static IReadOnlyList<string> Text(string name, string value) => new[] { name, value };
}
