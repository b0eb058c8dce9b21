using Microsoft.ML.Dropout.Metrics;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Reports;

/// <summary>
/// The standard report of one trained model in one call: metric tables; for held-out predictions given as plain
/// arrays, ROC and precision–recall curves (binary), confusion matrix and per-class metrics (multiclass),
/// predicted-against-actual and residual plots (regression), permutation feature importance; calibration (table,
/// reliability diagram before/after temperature scaling, confidence histogram) and learning curves (loss and metric
/// with the best epoch marked, learning rate and dropout rates per epoch), written as <c>report.html</c> plus one PNG
/// per chart. <c>Microsoft.ML.Dropout.Estimators.ReportData</c> converts ML.NET results to these arrays in one call.
/// </summary>
public static class TrainingReport
{
    /// <summary>Builds and writes the report; returns the path of <c>report.html</c>.</summary>
    /// <param name="directory">Output folder (created if needed).</param>
    /// <param name="title">Report title.</param>
    /// <param name="history">Per-epoch metrics (e.g. <c>transformer.Model.History</c> or <c>TrainingResult.History</c>).</param>
    /// <param name="bestEpoch">The epoch whose weights were kept (marked on the curves).</param>
    /// <param name="metricName">Name of the per-epoch metric: "accuracy" (classification) or "RMSE" (regression).</param>
    /// <param name="calibration">Calibration on scored held-out data (<c>mlContext.*.EvaluateCalibration</c>); null for regression.</param>
    /// <param name="afterTemperature">Calibration of the same rows after temperature scaling, drawn as a second curve; null if none.</param>
    /// <param name="tables">Further tables (e.g. ML.NET evaluator metrics), shown first.</param>
    /// <param name="binary">Held-out labels and probabilities of a binary classifier: ROC and precision–recall curves, and the positive class's name.</param>
    /// <param name="multiclass">Held-out actual and predicted classes: confusion matrix and per-class metrics.</param>
    /// <param name="regression">Held-out actual and predicted values: predicted-against-actual and residual plots.</param>
    /// <param name="importance">Permutation feature importance with its spread.</param>
    public static string Write(string directory, string title, IReadOnlyList<EpochMetrics> history, int bestEpoch, string metricName,
        CalibrationMetrics? calibration = null, CalibrationMetrics? afterTemperature = null, IEnumerable<ReportTable>? tables = null,
        BinaryPredictions? binary = null, ClassPredictions? multiclass = null, RegressionPredictions? regression = null,
        FeatureImportance? importance = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var report = new HtmlReport(title);
        var results = (tables ?? Enumerable.Empty<ReportTable>()).ToList();
        if (multiclass is not null)
            results.Add(PerClassTable.Create(multiclass));
        if (results.Count > 0)
            report.AddHeading("Results");
        foreach (var table in results)
            report.AddTable(table);
        if (binary is not null)
        {
            report.AddHeading($"Ranking quality (positive class '{binary.PositiveClass}')");
            report.AddFigure(BinaryCharts.Roc(binary));
            report.AddFigure(BinaryCharts.PrecisionRecall(binary));
        }
        if (multiclass is not null)
        {
            report.AddHeading("Errors by class");
            report.AddFigure(ConfusionMatrixChart.Create(multiclass));
        }
        if (regression is not null)
        {
            report.AddHeading("Errors");
            report.AddFigure(RegressionCharts.PredictedVsActual(regression));
            report.AddFigure(RegressionCharts.Residuals(regression));
        }
        if (importance is not null)
        {
            report.AddHeading("Feature importance");
            report.AddFigure(FeatureImportanceChart.Create(importance));
        }
        if (calibration is not null)
        {
            report.AddHeading("Calibration");
            // The heading already says "Calibration": the table's caption keeps only what it adds.
            report.AddTable(CalibrationTable.Create(calibration, afterTemperature) with
            {
                Caption = $"{calibration.BinCount} bins, {calibration.RowCount:N0} held-out rows",
            });
            var curves = new List<(string, IReadOnlyList<ReliabilityBin>, double)> { (afterTemperature is null ? "model" : "before temperature scaling", calibration.ReliabilityBins, calibration.Ece) };
            if (afterTemperature is not null)
                curves.Add(("after temperature scaling", afterTemperature.ReliabilityBins, afterTemperature.Ece));
            report.AddFigure(CalibrationCharts.ReliabilityDiagram(curves));
            if (calibration.PositiveClassReliabilityBins is { } positive && calibration.PositiveClassEce is double positiveEce)
            {
                var positiveCurves = new List<(string, IReadOnlyList<ReliabilityBin>, double)> { (afterTemperature is null ? "model" : "before temperature scaling", positive, positiveEce) };
                if (afterTemperature?.PositiveClassReliabilityBins is { } after && afterTemperature.PositiveClassEce is double afterEce)
                    positiveCurves.Add(("after temperature scaling", after, afterEce));
                string positiveName = binary?.PositiveClass ?? "true";
                report.AddFigure(CalibrationCharts.ReliabilityDiagram(positiveCurves, $"predicted probability of '{positiveName}'", "reliability-positive.png",
                    $"Reliability of P('{positiveName}')"));
            }
            report.AddFigure(CalibrationCharts.ConfidenceHistogram((afterTemperature ?? calibration).ReliabilityBins));
        }
        report.AddHeading("Learning curves");
        report.AddFigure(LearningCurveCharts.Loss(history, bestEpoch));
        report.AddFigure(LearningCurveCharts.Metric(history, bestEpoch, metricName));
        report.AddFigure(LearningCurveCharts.Schedules(history));
        return report.Write(directory);
    }
}
