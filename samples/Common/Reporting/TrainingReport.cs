using Microsoft.ML.Dropout.Estimators;
using Microsoft.ML.Dropout.Metrics;
using Microsoft.ML.Dropout.Reports;

namespace MLNetRegularization.Samples.Reporting;

/// <summary>The HTML report every sample writes: learning curves, schedules, metric tables and calibration.</summary>
public static class TrainingReport
{
    /// <summary>Builds and writes <c>report.html</c> (plus PNGs) into <paramref name="directory"/>; returns its path.</summary>
    /// <param name="directory">Output folder.</param>
    /// <param name="title">Report title.</param>
    /// <param name="model">The trained network (history, best epoch).</param>
    /// <param name="metricName">Name of the per-epoch metric: "accuracy" or "RMSE".</param>
    /// <param name="tables">Metric tables, in order.</param>
    /// <param name="calibration">Calibration on the test set (classification), or null.</param>
    public static string Write(string directory, string title, RegularizedMlpModelParameters model, string metricName,
        IEnumerable<ReportTable> tables, CalibrationMetrics? calibration)
    {
        var report = new HtmlReport(title);
        report.AddHeading("Results");
        foreach (var table in tables) report.AddTable(table);
        if (calibration is not null)
        {
            report.AddHeading("Calibration");
            report.AddTable(MetricTables.Calibration(calibration));
            report.AddFigure(CalibrationCharts.ReliabilityDiagram(new[] { ("RegularizedMlp", calibration.ReliabilityBins, calibration.Ece) }));
            if (calibration.PositiveClassReliabilityBins is { } positiveBins && calibration.PositiveClassEce is double positiveEce)
                report.AddFigure(CalibrationCharts.ReliabilityDiagram(new[] { ("RegularizedMlp, P(true)", positiveBins, positiveEce) },
                    "predicted probability of class true", "reliability-positive.png"));
            report.AddFigure(CalibrationCharts.ConfidenceHistogram(calibration.ReliabilityBins));
        }
        report.AddHeading("Learning curves");
        report.AddFigure(LearningCurveCharts.Loss(model.History, model.BestEpoch));
        report.AddFigure(LearningCurveCharts.Metric(model.History, model.BestEpoch, metricName));
        report.AddFigure(LearningCurveCharts.Schedules(model.History));
        return report.Write(directory);
    }
}
