using Microsoft.ML.Dropout.Training;
using ScottPlot;

namespace Microsoft.ML.Dropout.Reports;

/// <summary>Charts of a training history: losses, metrics (the overfitting gap) and the schedules.</summary>
public static class LearningCurveCharts
{
    /// <summary>Train and validation loss per epoch, with the best epoch marked.</summary>
    public static ReportFigure Loss(IReadOnlyList<EpochMetrics> history, int bestEpoch, string prefix = "")
    {
        var plot = NewPlot("Loss per epoch", "epoch", "loss");
        double[] epochs = history.Select(h => (double)h.Epoch).ToArray();
        AddLine(plot, epochs, history.Select(h => h.TrainLoss).ToArray(), "train loss (train mode)");
        if (history.Any(h => h.ValidLoss.HasValue))
            AddLine(plot, epochs, history.Select(h => h.ValidLoss ?? double.NaN).ToArray(), "validation loss");
        MarkBest(plot, bestEpoch);
        return new ReportFigure(prefix + "learning-loss.png",
            $"Training and validation loss. The dashed line marks the best epoch ({bestEpoch}); " +
            "a validation curve that turns up while the training curve keeps falling is overfitting.", plot);
    }

    /// <summary>Train and validation metric (accuracy or RMSE) per epoch, with the best epoch marked.</summary>
    public static ReportFigure Metric(IReadOnlyList<EpochMetrics> history, int bestEpoch, string metricName, string prefix = "")
    {
        var plot = NewPlot($"{metricName} per epoch", "epoch", metricName);
        double[] epochs = history.Select(h => (double)h.Epoch).ToArray();
        AddLine(plot, epochs, history.Select(h => h.TrainMetric).ToArray(), $"train {metricName} (train mode)");
        if (history.Any(h => h.ValidMetric.HasValue))
            AddLine(plot, epochs, history.Select(h => h.ValidMetric ?? double.NaN).ToArray(), $"validation {metricName}");
        MarkBest(plot, bestEpoch);
        var last = history.Count > 0 ? history[^1] : null;
        string gap = last?.Gap is double g ? $" Final train − validation gap: {g:0.0000}." : "";
        return new ReportFigure(prefix + "learning-metric.png",
            $"Training and validation {metricName}; the distance between the curves is the overfitting gap.{gap}", plot);
    }

    /// <summary>Learning rate (left axis) and dropout rate of each site (right axis) per epoch.</summary>
    public static ReportFigure Schedules(IReadOnlyList<EpochMetrics> history, string prefix = "")
    {
        var plot = NewPlot("Schedules", "epoch", "learning rate");
        double[] epochs = history.Select(h => (double)h.Epoch).ToArray();
        AddLine(plot, epochs, history.Select(h => h.LearningRate).ToArray(), "learning rate");
        int sites = history.Count == 0 ? 0 : history.Max(h => h.DropoutRates.Count);
        for (int s = 0; s < sites; s++)
        {
            int site = s;
            var line = AddLine(plot, epochs, history.Select(h => site < h.DropoutRates.Count ? h.DropoutRates[site] : double.NaN).ToArray(),
                $"dropout rate, site {site}");
            line.Axes.YAxis = plot.Axes.Right;
            line.LinePattern = LinePattern.Dashed;
        }
        plot.Axes.Right.Label.Text = "dropout rate";
        return new ReportFigure(prefix + "schedules.png",
            "Learning rate (solid, left axis) and dropout rate of each dropout site (dashed, right axis) over training.", plot);
    }

    internal static Plot NewPlot(string title, string x, string y, bool legend = true)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        if (legend)
            plot.ShowLegend(Edge.Bottom); // outside the data area: never covers a curve
        return plot;
    }

    private static ScottPlot.Plottables.Scatter AddLine(Plot plot, double[] xs, double[] ys, string label)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = label;
        line.MarkerSize = xs.Length > 40 ? 0 : 4;
        line.LineWidth = 2;
        return line;
    }

    private static void MarkBest(Plot plot, int bestEpoch)
    {
        if (bestEpoch <= 0) return;
        var v = plot.Add.VerticalLine(bestEpoch);
        v.LinePattern = LinePattern.Dashed;
        v.Color = Colors.Gray;
        v.LegendText = $"best epoch ({bestEpoch})";
    }
}
