using Microsoft.ML.Dropout.Metrics;

namespace Microsoft.ML.Dropout.Reports;

/// <summary>
/// ROC and precision–recall points of a binary classifier, one point per distinct threshold (tied scores move
/// together), with the areas under them: AUC by the trapezoid rule and average precision as Σ (Rₙ − Rₙ₋₁)·Pₙ
/// (scikit-learn's definition, no interpolation).
/// </summary>
internal static class ClassifierCurves
{
    /// <summary>False-positive rate, true-positive rate and the area under the ROC curve.</summary>
    public static (double[] Fpr, double[] Tpr, double Auc) Roc(BinaryPredictions data)
    {
        var (tp, fp, positives, negatives) = Cumulative(data);
        var fpr = new double[tp.Length + 1];
        var tpr = new double[tp.Length + 1];
        for (int i = 0; i < tp.Length; i++)
        {
            fpr[i + 1] = negatives == 0 ? 0 : fp[i] / (double)negatives;
            tpr[i + 1] = positives == 0 ? 0 : tp[i] / (double)positives;
        }
        double auc = 0;
        for (int i = 1; i < fpr.Length; i++)
            auc += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2;
        return (fpr, tpr, auc);
    }

    /// <summary>Recall, precision (starting at recall 0, precision 1) and the average precision.</summary>
    public static (double[] Recall, double[] Precision, double AveragePrecision) PrecisionRecall(BinaryPredictions data)
    {
        var (tp, fp, positives, _) = Cumulative(data);
        var recall = new double[tp.Length + 1];
        var precision = new double[tp.Length + 1];
        precision[0] = 1;
        double ap = 0;
        for (int i = 0; i < tp.Length; i++)
        {
            recall[i + 1] = positives == 0 ? 0 : tp[i] / (double)positives;
            precision[i + 1] = tp[i] + fp[i] == 0 ? 1 : tp[i] / (double)(tp[i] + fp[i]);
            ap += (recall[i + 1] - recall[i]) * precision[i + 1];
        }
        return (recall, precision, ap);
    }

    /// <summary>Cumulative true and false positives at each distinct threshold, highest score first.</summary>
    private static (int[] Tp, int[] Fp, int Positives, int Negatives) Cumulative(BinaryPredictions data)
    {
        int n = data.Labels.Count;
        int[] order = Enumerable.Range(0, n).OrderByDescending(i => data.Probabilities[i]).ToArray();
        var tp = new List<int>();
        var fp = new List<int>();
        int t = 0, f = 0;
        for (int k = 0; k < n; k++)
        {
            if (data.Labels[order[k]]) t++; else f++;
            bool lastOfTie = k == n - 1 || data.Probabilities[order[k + 1]] != data.Probabilities[order[k]];
            if (lastOfTie) { tp.Add(t); fp.Add(f); }
        }
        return (tp.ToArray(), fp.ToArray(), t, f);
    }
}
