using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetRegularization.Samples.Reporting;

/// <summary>
/// Calibration of scored test data, for the samples' reports and the comparison table.
/// </summary>
/// <remarks>
/// TODO(issue 5, lead): replace the body of <see cref="Binary"/> with
/// <c>mlContext.BinaryClassification.EvaluateCalibration(scored, labelColumnName, probabilityColumnName, bins)</c> and of
/// <see cref="Multiclass"/> with <c>mlContext.MulticlassClassification.EvaluateCalibration(scored, labelColumnName, scoreColumnName, bins)</c>
/// once those entry points are on main (and draw the reliability diagram with the chart in src/Reports instead of the
/// bin table). Until then this is a small stand-in with the same definitions (top-label ECE, Guo et al. 2017).
/// </remarks>
public static class SampleCalibration
{
    /// <summary>Default number of equal-width bins: 15.</summary>
    public const int DefaultBins = 15;

    /// <summary>Binary: reads the Boolean label and the Probability column (P(true)).</summary>
    public static CalibrationSummary Binary(MLContext mlContext, IDataView scored, string labelColumnName = "Label",
        string probabilityColumnName = "Probability", int bins = DefaultBins)
    {
        var label = scored.Schema[labelColumnName];
        var probability = scored.Schema[probabilityColumnName];
        var confidence = new List<double>();
        var correct = new List<bool>();
        double brier = 0, nll = 0;
        using (var cursor = scored.GetRowCursor(new[] { label, probability }))
        {
            var getLabel = cursor.GetGetter<bool>(label);
            var getProbability = cursor.GetGetter<float>(probability);
            bool y = false;
            float p = 0;
            while (cursor.MoveNext())
            {
                getLabel(ref y);
                getProbability(ref p);
                double pt = Math.Clamp((double)p, 0, 1);
                bool predicted = pt >= 0.5;
                confidence.Add(predicted ? pt : 1 - pt);
                correct.Add(predicted == y);
                brier += (pt - (y ? 1 : 0)) * (pt - (y ? 1 : 0));
                nll -= Math.Log(Math.Clamp(y ? pt : 1 - pt, 1e-15, 1 - 1e-15));
            }
        }
        return Summarize(confidence, correct, brier, nll, bins);
    }

    /// <summary>Multiclass: reads the key-typed label and the Score vector (class probabilities in key order).</summary>
    public static CalibrationSummary Multiclass(MLContext mlContext, IDataView scored, string labelColumnName = "Label",
        string scoreColumnName = "Score", int bins = DefaultBins)
    {
        var label = scored.Schema[labelColumnName];
        var score = scored.Schema[scoreColumnName];
        var confidence = new List<double>();
        var correct = new List<bool>();
        double brier = 0, nll = 0;
        using (var cursor = scored.GetRowCursor(new[] { label, score }))
        {
            var getLabel = cursor.GetGetter<uint>(label);
            var getScore = cursor.GetGetter<VBuffer<float>>(score);
            uint key = 0;
            VBuffer<float> buffer = default;
            float[] p = Array.Empty<float>();
            while (cursor.MoveNext())
            {
                getLabel(ref key);
                getScore(ref buffer);
                if (p.Length != buffer.Length) p = new float[buffer.Length];
                buffer.CopyTo(p);
                int best = 0;
                for (int k = 1; k < p.Length; k++) if (p[k] > p[best]) best = k;
                int y = (int)key - 1; // key 0 = missing label: counts as wrong
                confidence.Add(p[best]);
                correct.Add(best == y);
                for (int k = 0; k < p.Length; k++)
                {
                    double target = k == y ? 1 : 0;
                    brier += (p[k] - target) * (p[k] - target);
                }
                nll -= Math.Log(Math.Clamp(y >= 0 && y < p.Length ? p[y] : 0, 1e-15, 1 - 1e-15));
            }
        }
        return Summarize(confidence, correct, brier, nll, bins);
    }

    private static CalibrationSummary Summarize(List<double> confidence, List<bool> correct, double brier, double nll, int bins)
    {
        int n = confidence.Count;
        if (n == 0) throw new InvalidDataException("No scored rows to evaluate calibration on.");
        var count = new int[bins];
        var sumConfidence = new double[bins];
        var sumCorrect = new double[bins];
        for (int i = 0; i < n; i++)
        {
            int b = Math.Min(bins - 1, (int)(Math.Clamp(confidence[i], 0, 1) * bins));
            count[b]++;
            sumConfidence[b] += confidence[i];
            sumCorrect[b] += correct[i] ? 1 : 0;
        }
        double ece = 0, mce = 0;
        var result = new List<CalibrationBin>(bins);
        for (int b = 0; b < bins; b++)
        {
            double conf = count[b] == 0 ? double.NaN : sumConfidence[b] / count[b];
            double acc = count[b] == 0 ? double.NaN : sumCorrect[b] / count[b];
            if (count[b] > 0)
            {
                double gap = Math.Abs(acc - conf);
                ece += (double)count[b] / n * gap;
                mce = Math.Max(mce, gap);
            }
            result.Add(new CalibrationBin((double)b / bins, (double)(b + 1) / bins, count[b], conf, acc));
        }
        return new CalibrationSummary(ece, mce, brier / n, nll / n, result);
    }
}
