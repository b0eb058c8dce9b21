using Microsoft.ML.Dropout.Metrics;
using ScottPlot;

namespace Microsoft.ML.Dropout.Reports;

/// <summary>Calibration charts: reliability diagram and confidence histogram.</summary>
public static class CalibrationCharts
{
    /// <summary>Bins with fewer rows than this are left out of the reliability diagram: 5.</summary>
    public const int MinimumBinCount = 5;

    /// <summary>
    /// Reliability diagram: observed frequency (accuracy) against mean predicted probability (confidence) per bin,
    /// one line per curve (e.g. before and after temperature scaling), with the diagonal of perfect calibration.
    /// Bins with fewer than <see cref="MinimumBinCount"/> rows are not drawn: their frequency is noise.
    /// </summary>
    /// <param name="curves">Named sets of bins, e.g. ("before temperature scaling", bins).</param>
    /// <param name="xLabel">Axis label: "confidence (top-label probability)" or "predicted probability of class 1".</param>
    /// <param name="fileName">PNG file name. Default "reliability.png".</param>
    /// <param name="title">Chart title; distinct titles tell several diagrams of one report apart. Default "Reliability diagram (top label)".</param>
    public static ReportFigure ReliabilityDiagram(IReadOnlyList<(string Label, IReadOnlyList<ReliabilityBin> Bins, double Ece)> curves,
        string xLabel = "confidence (top-label probability)", string fileName = "reliability.png", string title = "Reliability diagram (top label)")
    {
        ArgumentNullException.ThrowIfNull(curves);
        var plot = LearningCurveCharts.NewPlot(title, xLabel, "observed frequency");
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.Color = Colors.Gray;
        diagonal.LegendText = "perfect calibration";
        foreach (var (label, bins, ece) in curves)
        {
            var used = bins.Where(b => b.Count >= MinimumBinCount).ToList();
            var line = plot.Add.Scatter(used.Select(b => b.MeanPredicted).ToArray(), used.Select(b => b.ObservedFrequency).ToArray());
            line.LegendText = $"{label} (ECE {ece:0.0000})";
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }
        plot.Axes.SetLimits(0, 1, 0, 1);
        string names = string.Join("; ", curves.Select(c => $"{c.Label}: ECE {c.Ece:0.0000}"));
        return new ReportFigure(fileName,
            $"Reliability diagram ({names}). Points below the diagonal are over-confident: the model's probability is higher than the observed frequency. Bins with fewer than {MinimumBinCount} rows are not drawn.",
            plot, 560, 520);
    }

    /// <summary>Share of rows per confidence bin (where the model's probabilities fall).</summary>
    /// <param name="bins">The reliability bins of one model.</param>
    /// <param name="xLabel">Axis label, as in <see cref="ReliabilityDiagram"/>.</param>
    /// <param name="fileName">PNG file name. Default "confidence-histogram.png".</param>
    public static ReportFigure ConfidenceHistogram(IReadOnlyList<ReliabilityBin> bins,
        string xLabel = "confidence (top-label probability)", string fileName = "confidence-histogram.png")
    {
        ArgumentNullException.ThrowIfNull(bins);
        var plot = LearningCurveCharts.NewPlot("Confidence histogram", xLabel, "share of rows", legend: false);
        double total = Math.Max(1, bins.Sum(b => b.Count));
        var bars = bins.Select(b => new Bar
        {
            Position = (b.Lower + b.Upper) / 2,
            Value = b.Count / total,
            Size = (b.Upper - b.Lower) * 0.9,
        }).ToArray();
        plot.Add.Bars(bars);
        plot.Axes.SetLimits(0, 1, 0, Math.Max(0.05, bars.Length == 0 ? 0 : bars.Max(b => b.Value) * 1.1));
        return new ReportFigure(fileName, "Share of rows in each confidence bin: a pile-up near 1.0 with lower accuracy means over-confidence.", plot, 560, 360);
    }
}
