using Microsoft.ML.Dropout.Metrics;
using ScottPlot;

namespace Microsoft.ML.Dropout.Reports;

/// <summary>Threshold-free charts of a binary classifier: the ROC curve and the precision–recall curve.</summary>
public static class BinaryCharts
{
    /// <summary>ROC curve (true-positive against false-positive rate over all thresholds) with its AUC.</summary>
    /// <param name="data">Labels and predicted probabilities of held-out rows.</param>
    /// <param name="fileName">PNG file name. Default "roc.png".</param>
    public static ReportFigure Roc(BinaryPredictions data, string fileName = "roc.png")
    {
        ArgumentNullException.ThrowIfNull(data);
        var (fpr, tpr, auc) = ClassifierCurves.Roc(data);
        var plot = LearningCurveCharts.NewPlot($"ROC curve, positive class '{data.PositiveClass}'",
            $"false-positive rate ('{data.NegativeClass}' rows called '{data.PositiveClass}')",
            $"true-positive rate (recall of '{data.PositiveClass}')");
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LinePattern = LinePattern.Dashed;
        chance.Color = Colors.Gray;
        chance.LegendText = "chance (AUC 0.5)";
        var curve = plot.Add.Scatter(fpr, tpr);
        curve.LegendText = $"model (AUC {auc:0.0000})";
        curve.LineWidth = 2;
        curve.MarkerSize = 0;
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        return new ReportFigure(fileName,
            $"ROC curve on {data.Labels.Count:N0} held-out rows; positive class '{data.PositiveClass}'. AUC {auc:0.0000}: the probability that a random " +
            $"'{data.PositiveClass}' row scores higher than a random '{data.NegativeClass}' row.", plot, 560, 520);
    }

    /// <summary>Precision–recall curve with its average precision and the no-skill line at the positive rate.</summary>
    /// <param name="data">Labels and predicted probabilities of held-out rows.</param>
    /// <param name="fileName">PNG file name. Default "precision-recall.png".</param>
    public static ReportFigure PrecisionRecall(BinaryPredictions data, string fileName = "precision-recall.png")
    {
        ArgumentNullException.ThrowIfNull(data);
        var (recall, precision, ap) = ClassifierCurves.PrecisionRecall(data);
        double prevalence = data.Labels.Count(l => l) / (double)data.Labels.Count;
        var plot = LearningCurveCharts.NewPlot($"Precision–recall curve, positive class '{data.PositiveClass}'",
            $"recall of '{data.PositiveClass}'", $"precision of '{data.PositiveClass}'");
        var baseline = plot.Add.HorizontalLine(prevalence);
        baseline.LinePattern = LinePattern.Dashed;
        baseline.Color = Colors.Gray;
        baseline.LegendText = $"no skill (positive rate {prevalence:0.000})";
        var curve = plot.Add.Scatter(recall, precision);
        curve.ConnectStyle = ConnectStyle.StepVertical;
        curve.LegendText = $"model (average precision {ap:0.0000})";
        curve.LineWidth = 2;
        curve.MarkerSize = 0;
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        return new ReportFigure(fileName,
            $"Precision–recall curve on {data.Labels.Count:N0} held-out rows; positive class '{data.PositiveClass}' ({prevalence:P1} of the rows). " +
            $"Average precision {ap:0.0000}; the dashed line is a model without skill.", plot, 560, 520);
    }
}
