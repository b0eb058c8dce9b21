using Microsoft.ML.Dropout.Training;
using ScottPlot;

namespace Microsoft.ML.Dropout.Reports;

/// <summary>Charts of a training history: losses, metrics (the overfitting gap) and the schedules.</summary>
public static class LearningCurveCharts
{
    /// <summary>Train and validation loss per epoch, with the best epoch marked.</summary>
    public static ReportFigure Loss(IReadOnlyList<EpochMetrics> history, int bestEpoch, string prefix = "")
    {
        var plot = NewPlot(Titled("Loss per epoch", prefix), "epoch", "loss");
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
        var plot = NewPlot(Titled($"{metricName} per epoch", prefix), "epoch", metricName);
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

    /// <summary>
    /// Learning rate (left axis) and dropout rates (right axis) per epoch. Sites whose rates are equal in every epoch
    /// share one line (named with all their site numbers) instead of being drawn on top of each other; both axes start
    /// at 0, so a constant rate (e.g. 0) is drawn as a flat line at its value, not centred in a −1…1 range.
    /// </summary>
    public static ReportFigure Schedules(IReadOnlyList<EpochMetrics> history, string prefix = "")
    {
        var plot = NewPlot(Titled("Learning rate and dropout schedules", prefix), "epoch", "learning rate");
        double[] epochs = history.Select(h => (double)h.Epoch).ToArray();
        double[] rates = history.Select(h => h.LearningRate).ToArray();
        AddLine(plot, epochs, rates, "learning rate");
        int sites = history.Count == 0 ? 0 : history.Max(h => h.DropoutRates.Count);
        var groups = new List<(List<int> Sites, double[] Rates)>();
        for (int s = 0; s < sites; s++)
        {
            int site = s;
            double[] series = history.Select(h => site < h.DropoutRates.Count ? h.DropoutRates[site] : double.NaN).ToArray();
            var same = groups.FirstOrDefault(g => g.Rates.SequenceEqual(series));
            if (same.Sites is null) groups.Add((new List<int> { site }, series));
            else same.Sites.Add(site);
        }
        foreach (var (members, series) in groups)
        {
            string label = members.Count == 1 ? $"dropout rate, site {members[0]}" : $"dropout rate, sites {string.Join(", ", members)} (equal)";
            var line = AddLine(plot, epochs, series, label);
            line.Axes.YAxis = plot.Axes.Right;
            line.LinePattern = LinePattern.Dashed;
        }
        plot.Axes.Right.Label.Text = "dropout rate";
        // Learning rate: 0 … 1.15 × its maximum. Dropout: 0 … at least 0.5 (rates live in [0, 1)), so the two
        // maxima do not land on the same height; a small margin below 0 keeps a rate of 0 visible above the axis.
        double maxRate = rates.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        double rateTop = maxRate > 0 ? maxRate * 1.15 : 1e-3;
        plot.Axes.SetLimitsY(-0.03 * rateTop, rateTop, plot.Axes.Left);
        double maxDropout = groups.SelectMany(g => g.Rates).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        double dropoutTop = Math.Max(0.5, Math.Ceiling(maxDropout * 1.2 * 10) / 10);
        plot.Axes.SetLimitsY(-0.03 * dropoutTop, dropoutTop, plot.Axes.Right);
        string none = sites > 0 && maxDropout == 0 ? " Dropout is 0 throughout (no dropout)." : "";
        return new ReportFigure(prefix + "schedules.png",
            "Learning rate (solid, left axis) and dropout rate of each dropout site (dashed, right axis) over training; " +
            $"sites with equal rates share one line.{none}", plot);
    }

    /// <summary>"title" or, with a file prefix such as "regularized-", "title: regularized".</summary>
    internal static string Titled(string title, string prefix)
    {
        string run = prefix.Trim('-', '_', ' ', '.');
        return run.Length == 0 ? title : $"{title}: {run}";
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
        if (x == "epoch")
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
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
