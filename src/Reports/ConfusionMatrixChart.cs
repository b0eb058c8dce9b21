using Microsoft.ML.Dropout.Metrics;
using ScottPlot;

namespace Microsoft.ML.Dropout.Reports;

/// <summary>Confusion matrix of a multiclass classifier: counts, shaded by the share of each actual class.</summary>
public static class ConfusionMatrixChart
{
    /// <summary>Counts per (actual, predicted) pair; each row is shaded by its share of that actual class (its recall on the diagonal).</summary>
    /// <param name="data">Actual and predicted classes of held-out rows.</param>
    /// <param name="fileName">PNG file name. Default "confusion-matrix.png".</param>
    public static ReportFigure Create(ClassPredictions data, string fileName = "confusion-matrix.png")
    {
        ArgumentNullException.ThrowIfNull(data);
        int k = data.ClassNames.Count;
        int[,] counts = PerClassTable.Counts(data);
        var share = new double[k, k];
        for (int a = 0; a < k; a++)
        {
            double rowTotal = Enumerable.Range(0, k).Sum(p => counts[a, p]);
            for (int p = 0; p < k; p++)
                share[a, p] = rowTotal == 0 ? 0 : counts[a, p] / rowTotal;
        }
        var plot = LearningCurveCharts.NewPlot("Confusion matrix", "predicted class", "actual class", legend: false);
        var heatmap = plot.Add.Heatmap(share); // row 0 at the top, cells centred on integer coordinates
        heatmap.Colormap = new ScottPlot.Colormaps.Blues().Reversed(); // light = few, dark = many
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        for (int a = 0; a < k; a++)
            for (int p = 0; p < k; p++)
            {
                var text = plot.Add.Text(counts[a, p].ToString("N0", System.Globalization.CultureInfo.InvariantCulture), p, k - 1 - a);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = k > 12 ? 9 : 14;
                text.LabelFontColor = share[a, p] > 0.5 ? Colors.White : Colors.Black;
            }
        double[] positions = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, data.ClassNames.ToArray());
        plot.Axes.Left.SetTicks(positions.Select(p => k - 1 - p).ToArray(), data.ClassNames.ToArray());
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        int size = Math.Clamp(140 + 48 * k, 420, 900);
        return new ReportFigure(fileName,
            $"Confusion matrix on {data.Actual.Count:N0} held-out rows: rows are the actual class, columns the predicted class; " +
            "each cell holds the count and is shaded by its share of the actual class, so the diagonal's shade is that class's recall.",
            plot, size + 60, size);
    }
}
