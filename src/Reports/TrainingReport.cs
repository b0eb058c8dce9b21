using Microsoft.ML.Dropout.Metrics;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Reports;

/// <summary>
/// The standard report of one trained model in one call: metric tables, calibration (table, reliability diagram
/// before/after temperature scaling, confidence histogram) and learning curves (loss and metric with the best epoch
/// marked, learning rate and dropout rates per epoch), written as <c>report.html</c> plus one PNG per chart.
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
    public static string Write(string directory, string title, IReadOnlyList<EpochMetrics> history, int bestEpoch, string metricName,
        CalibrationMetrics? calibration = null, CalibrationMetrics? afterTemperature = null, IEnumerable<ReportTable>? tables = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var report = new HtmlReport(title);
        report.AddHeading("Results");
        foreach (var table in tables ?? Enumerable.Empty<ReportTable>())
            report.AddTable(table);
        if (calibration is not null)
        {
            report.AddHeading("Calibration");
            report.AddTable(CalibrationTable.Create(calibration, afterTemperature));
            var curves = new List<(string, IReadOnlyList<ReliabilityBin>, double)> { (afterTemperature is null ? "model" : "before temperature scaling", calibration.ReliabilityBins, calibration.Ece) };
            if (afterTemperature is not null)
                curves.Add(("after temperature scaling", afterTemperature.ReliabilityBins, afterTemperature.Ece));
            report.AddFigure(CalibrationCharts.ReliabilityDiagram(curves));
            if (calibration.PositiveClassReliabilityBins is { } positive && calibration.PositiveClassEce is double positiveEce)
            {
                var positiveCurves = new List<(string, IReadOnlyList<ReliabilityBin>, double)> { (afterTemperature is null ? "model" : "before temperature scaling", positive, positiveEce) };
                if (afterTemperature?.PositiveClassReliabilityBins is { } after && afterTemperature.PositiveClassEce is double afterEce)
                    positiveCurves.Add(("after temperature scaling", after, afterEce));
                report.AddFigure(CalibrationCharts.ReliabilityDiagram(positiveCurves, "predicted probability of class true", "reliability-positive.png"));
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
