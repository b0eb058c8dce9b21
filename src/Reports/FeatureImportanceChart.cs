using Microsoft.ML.Dropout.Metrics;
using ScottPlot;

namespace Microsoft.ML.Dropout.Reports;

/// <summary>Permutation feature importance as horizontal bars with ± one standard deviation over the permutations.</summary>
public static class FeatureImportanceChart
{
    /// <summary>The <paramref name="top"/> features with the largest mean decrease, largest at the top.</summary>
    /// <param name="data">Mean decrease and its standard deviation per feature.</param>
    /// <param name="top">How many features to draw (by mean decrease). Default 20.</param>
    /// <param name="fileName">PNG file name. Default "feature-importance.png".</param>
    public static ReportFigure Create(FeatureImportance data, int top = 20, string fileName = "feature-importance.png")
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        int[] shown = Enumerable.Range(0, data.Features.Count).OrderByDescending(i => data.MeanDecrease[i]).Take(top).ToArray();
        var plot = LearningCurveCharts.NewPlot("Permutation feature importance", $"decrease in {data.MetricName} when the feature is shuffled", "", legend: false);
        var bars = shown.Select((feature, rank) => new Bar
        {
            Position = shown.Length - 1 - rank,
            Value = data.MeanDecrease[feature],
            Error = data.StandardDeviation[feature],
            FillColor = data.MeanDecrease[feature] >= 0 ? Colors.SteelBlue : Colors.IndianRed,
            Size = 0.7,
        }).ToArray();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.SetTicks(shown.Select((_, rank) => (double)(shown.Length - 1 - rank)).ToArray(),
            shown.Select(i => data.Features[i]).ToArray());
        var zero = plot.Add.VerticalLine(0);
        zero.Color = Colors.Gray;
        double low = Math.Min(0, bars.Min(b => b.Value - b.Error));
        double high = Math.Max(0, bars.Max(b => b.Value + b.Error));
        double pad = Math.Max(1e-6, (high - low) * 0.08);
        plot.Axes.SetLimits(low - (low < 0 ? pad : 0), high + pad, -0.6, shown.Length - 0.4);
        string omitted = data.Features.Count > shown.Length ? $" The top {shown.Length} of {data.Features.Count} features are drawn." : "";
        return new ReportFigure(fileName,
            $"Permutation feature importance: the mean decrease in {data.MetricName} when one feature's values are shuffled; " +
            $"the whiskers are ± one standard deviation over the permutations (none for a single permutation). Bars near 0 or below it (red) mean the model does not rely on that feature.{omitted}",
            plot, 720, Math.Clamp(120 + 26 * shown.Length, 300, 800));
    }
}
