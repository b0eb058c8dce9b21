using System.Globalization;
using Microsoft.ML.Dropout.Metrics;

namespace Microsoft.ML.Dropout.Reports;

/// <summary>Per-class precision, recall, F1 and support of a multiclass classifier, with their macro averages.</summary>
public static class PerClassTable
{
    /// <summary>One row per class, then the macro average and the accuracy.</summary>
    /// <param name="data">Actual and predicted classes of held-out rows.</param>
    public static ReportTable Create(ClassPredictions data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int k = data.ClassNames.Count;
        int[,] counts = Counts(data);
        var rows = new List<IReadOnlyList<string>>();
        double sumP = 0, sumR = 0, sumF = 0;
        int correct = 0;
        for (int c = 0; c < k; c++)
        {
            int tp = counts[c, c];
            int actual = Enumerable.Range(0, k).Sum(p => counts[c, p]);
            int predicted = Enumerable.Range(0, k).Sum(a => counts[a, c]);
            double precision = predicted == 0 ? 0 : tp / (double)predicted;
            double recall = actual == 0 ? 0 : tp / (double)actual;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            sumP += precision; sumR += recall; sumF += f1; correct += tp;
            rows.Add(new[] { data.ClassNames[c], F(precision), F(recall), F(f1), actual.ToString("N0", CultureInfo.InvariantCulture) });
        }
        rows.Add(new[] { "macro average", F(sumP / k), F(sumR / k), F(sumF / k), data.Actual.Count.ToString("N0", CultureInfo.InvariantCulture) });
        return new ReportTable($"Per-class metrics ({data.Actual.Count:N0} held-out rows; accuracy {F(correct / (double)data.Actual.Count)})",
            new[] { "class", "precision", "recall", "F1", "support" }, rows);
    }

    /// <summary>counts[actual, predicted].</summary>
    internal static int[,] Counts(ClassPredictions data)
    {
        int k = data.ClassNames.Count;
        var counts = new int[k, k];
        for (int i = 0; i < data.Actual.Count; i++)
            counts[data.Actual[i], data.Predicted[i]]++;
        return counts;
    }

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
