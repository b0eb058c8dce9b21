using Microsoft.ML.Dropout.Metrics;

namespace Microsoft.ML.Dropout.Tests.Metrics;

public class CalibrationTests
{
    // Six binary predictions, M = 5 bins of width 0.2 (no value on a bin edge):
    //  row  p = P(y=1)  y  predicted  confidence  correct  top bin  positive bin
    //   0    0.10       0     0         0.90        1        4          0
    //   1    0.30       1     0         0.70        0        3          1
    //   2    0.65       1     1         0.65        1        3          3
    //   3    0.85       0     1         0.85        0        4          4
    //   4    0.90       1     1         0.90        1        4          4
    //   5    0.45       0     0         0.55        1        2          2
    private static readonly float[] P = { 0.10f, 0.30f, 0.65f, 0.85f, 0.90f, 0.45f };
    private static readonly bool[] Y = { false, true, true, false, true, false };

    [Fact]
    public void Binary_SixRows_MatchHandComputedMetrics()
    {
        var m = Calibration.Binary(P, Y, binCount: 5);

        // Top-label bins: bin 2 {5}: conf 0.55, acc 1 → gap 0.45; bin 3 {1, 2}: conf 0.675, acc 0.5 → 0.175;
        // bin 4 {0, 3, 4}: conf 2.65/3 = 0.88333, acc 2/3 → 0.21667.
        // ECE = (1·0.45 + 2·0.175 + 3·0.21667)/6 = (0.45 + 0.35 + 0.65)/6 = 1.45/6; MCE = 0.45.
        Assert.Equal(1.45 / 6, m.Ece, 6);
        Assert.Equal(0.45, m.Mce, 6);
        // Brier: (0.01 + 0.49 + 0.1225 + 0.7225 + 0.01 + 0.2025)/6 = 1.5575/6.
        Assert.Equal(1.5575 / 6, m.Brier, 6);
        // Log-loss: −(ln 0.9 + ln 0.3 + ln 0.65 + ln 0.15 + ln 0.9 + ln 0.55)/6 = 4.3404337/6 = 0.7234056.
        Assert.Equal(0.7234056, m.LogLoss, 6);
        Assert.Equal(4.0 / 6, m.Accuracy, 12);
        // Positive-class bins: 0.1 vs 0 → 0.1; 0.3 vs 1 → 0.7; 0.45 vs 0 → 0.45; 0.65 vs 1 → 0.35;
        // bin 4 {0.85, 0.9}: 0.875 vs 0.5 → 0.375 (weight 2). ECE⁺ = (0.1 + 0.7 + 0.45 + 0.35 + 2·0.375)/6 = 2.35/6.
        Assert.Equal(2.35 / 6, m.PositiveClassEce!.Value, 6);
        Assert.Null(m.ClasswiseEce);
        Assert.Equal(2, m.ClassCount);
        Assert.Equal(6, m.RowCount);

        var bin4 = m.PositiveClassReliabilityBins![4];
        Assert.Equal((0.8, 1.0, 2), (bin4.Lower, bin4.Upper, bin4.Count));
        Assert.Equal(0.875, bin4.MeanPredicted, 6);
        Assert.Equal(0.5, bin4.ObservedFrequency, 12);
        Assert.Equal(5, m.ReliabilityBins.Count);
        Assert.Equal(0, m.ReliabilityBins[0].Count);
        Assert.True(double.IsNaN(m.ReliabilityBins[0].MeanPredicted));
    }

    [Fact]
    public void Binary_AdaptiveEceWithThreeBins_MatchesHandComputedValue()
    {
        // Confidences sorted (ties by row): 0.55 (row 5, correct), 0.65 (2, correct), 0.70 (1, wrong), 0.85 (3, wrong),
        // 0.90 (0, correct), 0.90 (4, correct). Row i of 6 goes to bin ⌊3·(i + 0.5)/6⌋ → two rows per bin:
        // {0.55, 0.65}: conf 0.6, acc 1 → 0.4; {0.70, 0.85}: 0.775 vs 0 → 0.775; {0.9, 0.9}: 0.9 vs 1 → 0.1.
        // Adaptive ECE = (2·0.4 + 2·0.775 + 2·0.1)/6 = 2.55/6 = 0.425.
        var m = Calibration.Binary(P, Y, binCount: 3);

        Assert.Equal(0.425, m.AdaptiveEce, 6);
    }

    [Fact]
    public void Binary_IntegerWeights_EqualDuplicatedRows()
    {
        float[] weights = { 2, 1, 3, 1, 1, 1 };
        var duplicatedP = P.Concat(new[] { P[0], P[2], P[2] }).ToArray();
        var duplicatedY = Y.Concat(new[] { Y[0], Y[2], Y[2] }).ToArray();

        var weighted = Calibration.Binary(P, Y, 5, weights);
        var duplicated = Calibration.Binary(duplicatedP, duplicatedY, 5);

        Assert.Equal(9, weighted.TotalWeight);
        Assert.Equal(duplicated.Ece, weighted.Ece, 12);
        Assert.Equal(duplicated.Mce, weighted.Mce, 12);
        Assert.Equal(duplicated.Brier, weighted.Brier, 12);
        Assert.Equal(duplicated.LogLoss, weighted.LogLoss, 12);
        Assert.Equal(duplicated.PositiveClassEce!.Value, weighted.PositiveClassEce!.Value, 12);
        Assert.Equal(duplicated.AdaptiveEce, weighted.AdaptiveEce, 12);
    }

    // Four multiclass rows, K = 3, M = 5:
    //  row  p                    y  argmax  conf  correct
    //   0   (0.70, 0.25, 0.05)   0    0     0.70    1
    //   1   (0.25, 0.50, 0.25)   2    1     0.50    0
    //   2   (0.05, 0.10, 0.85)   2    2     0.85    1
    //   3   (0.35, 0.30, 0.35)   1    0     0.35    0   (tie → first index)
    private static readonly float[] Pm = { 0.70f, 0.25f, 0.05f, 0.25f, 0.50f, 0.25f, 0.05f, 0.10f, 0.85f, 0.35f, 0.30f, 0.35f };
    private static readonly int[] Ym = { 0, 2, 2, 1 };

    [Fact]
    public void Multiclass_FourRows_MatchHandComputedMetrics()
    {
        var m = Calibration.Multiclass(Pm, 4, 3, Ym, binCount: 5);

        // Top-label: one row per bin: |0 − 0.35| + |0 − 0.5| + |1 − 0.7| + |1 − 0.85| = 1.3 → ECE = 1.3/4; MCE = 0.5.
        Assert.Equal(0.325, m.Ece, 6);
        Assert.Equal(0.5, m.Mce, 6);
        Assert.Equal(0.5, m.Accuracy, 12);
        // Brier rows: 0.09 + 0.0625 + 0.0025 = 0.155; 0.0625 + 0.25 + 0.5625 = 0.875; 0.0025 + 0.01 + 0.0225 = 0.035;
        // 0.1225 + 0.49 + 0.1225 = 0.735 → 1.8/4 = 0.45.
        Assert.Equal(0.45, m.Brier, 6);
        // NLL: −(ln 0.7 + ln 0.25 + ln 0.85 + ln 0.3)/4 = 3.1094610/4 = 0.7773653.
        Assert.Equal(0.7773653, m.LogLoss, 6);
        // Classwise (bins on p_k vs 1[y = k]):
        //  k=0: bin0 {0.05}: 0.05 vs 0; bin1 {0.25, 0.35}: 0.3 vs 0 (×2); bin3 {0.7}: 0.7 vs 1 → (0.05 + 0.6 + 0.3)/4 = 0.2375
        //  k=1: bin0 {0.1}: 0.1; bin1 {0.25, 0.3}: 0.275 vs 0.5 → 0.225 (×2); bin2 {0.5}: 0.5 → (0.1 + 0.45 + 0.5)/4 = 0.2625
        //  k=2: bin0 {0.05}: 0.05; bin1 {0.25, 0.35}: 0.3 vs 0.5 → 0.2 (×2); bin4 {0.85}: 0.15 → (0.05 + 0.4 + 0.15)/4 = 0.15
        //  mean = 0.65/3.
        Assert.Equal(0.65 / 3, m.ClasswiseEce!.Value, 6);
        Assert.Null(m.PositiveClassEce);
        Assert.Null(m.PositiveClassReliabilityBins);
    }

    [Fact]
    public void Binary_CalibratedPredictor_HasSmallEce_OverConfidentPredictor_HasLargeEce()
    {
        var (p, y) = CalibratedBinary(100_000, seed: 42);
        float[] overConfident = p.Select(q => (float)Sigmoid(3 * Logit(q))).ToArray();

        var calibrated = Calibration.Binary(p, y);
        var overconfident = Calibration.Binary(overConfident, y);

        Assert.True(calibrated.Ece < 0.01, $"calibrated ECE {calibrated.Ece}");
        Assert.True(calibrated.AdaptiveEce < 0.01, $"calibrated adaptive ECE {calibrated.AdaptiveEce}");
        Assert.True(calibrated.PositiveClassEce < 0.01, $"calibrated positive-class ECE {calibrated.PositiveClassEce}");
        Assert.True(overconfident.Ece > 0.1, $"over-confident ECE {overconfident.Ece}");
        Assert.True(overconfident.LogLoss > calibrated.LogLoss);
        Assert.True(overconfident.Brier > calibrated.Brier);
    }

    [Fact]
    public void Multiclass_CalibratedPredictor_HasSmallEce_OverConfidentPredictor_HasLargeEce()
    {
        var (logits, labels) = CalibratedMulticlass(50_000, 4, seed: 5);
        float[] p = Softmax(logits, 4, 1);
        float[] sharp = Softmax(logits, 4, 1.0 / 3);

        var calibrated = Calibration.Multiclass(p, 50_000, 4, labels);
        var overconfident = Calibration.Multiclass(sharp, 50_000, 4, labels);

        Assert.True(calibrated.Ece < 0.01, $"calibrated ECE {calibrated.Ece}");
        Assert.True(calibrated.ClasswiseEce < 0.01, $"calibrated classwise ECE {calibrated.ClasswiseEce}");
        Assert.True(overconfident.Ece > 0.1, $"over-confident ECE {overconfident.Ece}");
        Assert.Equal(calibrated.Accuracy, overconfident.Accuracy, 12); // sharpening keeps the argmax
    }

    [Fact]
    public void ReliabilityDiagram_BinEdges_AreLowerInclusiveAndLastBinHoldsOne()
    {
        // Two bins [0, 0.5) and [0.5, 1]: 0 → bin 0; 0.5 and 1 → bin 1 (mean 0.75, observed 1/2).
        var bins = Calibration.ReliabilityDiagram(new[] { 0f, 0.5f, 1f }, new[] { false, false, true }, binCount: 2);

        Assert.Equal(new[] { 1, 2 }, bins.Select(b => b.Count));
        Assert.Equal(0.75, bins[1].MeanPredicted, 12);
        Assert.Equal(0.5, bins[1].ObservedFrequency, 12);
        Assert.Equal(0.25, bins[1].Gap, 12);
    }

    [Fact]
    public void Binary_ProbabilityOutsideUnitInterval_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Calibration.Binary(new[] { 0.5f, 1.5f }, new[] { true, false }));

        Assert.StartsWith("probabilities[1] = 1.5 is not in [0, 1].", e.Message);
    }

    [Fact]
    public void Binary_CertainWrongPrediction_LogLossIsClipped()
    {
        // p = 0 for a positive: −ln(1e−15) = 34.538776
        var m = Calibration.Binary(new[] { 0f }, new[] { true });

        Assert.Equal(-Math.Log(1e-15), m.LogLoss, 6);
    }

    internal static (float[] P, bool[] Y) CalibratedBinary(int n, int seed)
    {
        var rng = new Random(seed);
        var p = new float[n];
        var y = new bool[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = (float)rng.NextDouble();
            y[i] = rng.NextDouble() < p[i];
        }
        return (p, y);
    }

    /// <summary>Gaussian logits (σ = 2) and labels drawn from their softmax: a perfectly calibrated model.</summary>
    internal static (float[] Logits, int[] Labels) CalibratedMulticlass(int n, int k, int seed)
    {
        var rng = new Random(seed);
        var logits = new float[n * k];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++)
                logits[i * k + c] = (float)(2 * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
            var p = Softmax(logits.AsSpan(i * k, k).ToArray(), k, 1);
            double u = rng.NextDouble(), cumulative = 0;
            labels[i] = k - 1;
            for (int c = 0; c < k; c++)
                if (u < (cumulative += p[c])) { labels[i] = c; break; }
        }
        return (logits, labels);
    }

    internal static float[] Softmax(float[] logits, int k, double temperature)
    {
        var p = new float[logits.Length];
        for (int r = 0; r < logits.Length / k; r++)
        {
            double max = Enumerable.Range(0, k).Max(c => logits[r * k + c] / temperature);
            double sum = Enumerable.Range(0, k).Sum(c => Math.Exp(logits[r * k + c] / temperature - max));
            for (int c = 0; c < k; c++)
                p[r * k + c] = (float)(Math.Exp(logits[r * k + c] / temperature - max) / sum);
        }
        return p;
    }

    internal static double Logit(double p) => Math.Log(p / (1 - p));

    internal static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
