using System.Globalization;

namespace Microsoft.ML.Dropout.Metrics;

/// <summary>
/// Calibration metrics of predicted probabilities: ECE (equal-width and equal-mass bins), MCE, Brier score,
/// log-loss and reliability-diagram bins, for binary and multiclass predictions, with optional example weights.
/// Equal-width bin m of M holds probabilities in [m/M, (m+1)/M); the last bin also holds 1.
/// </summary>
public static class Calibration
{
    /// <summary>Default number of bins: 15 (Guo et al. 2017).</summary>
    public const int DefaultBinCount = 15;

    /// <summary>Probabilities are clipped to [<see cref="ProbabilityClip"/>, 1 − <see cref="ProbabilityClip"/>] in the log-loss: 1e−15.</summary>
    public const double ProbabilityClip = 1e-15;

    /// <summary>Metrics of binary predictions.</summary>
    /// <param name="probabilities">P(y = 1) per row, each in [0, 1].</param>
    /// <param name="labels">True labels, one per row.</param>
    /// <param name="binCount">Number of bins M, ≥ 1. Default 15.</param>
    /// <param name="weights">Optional example weights (finite, ≥ 0, positive total), one per row; empty = all 1.</param>
    /// <remarks>
    /// <see cref="CalibrationMetrics.Ece"/>, <see cref="CalibrationMetrics.AdaptiveEce"/> and <see cref="CalibrationMetrics.Mce"/>
    /// use the top-label convention (confidence max(p, 1 − p) of the predicted class, p ≥ 0.5 predicting positive, vs
    /// accuracy), which makes them comparable with multiclass values; <see cref="CalibrationMetrics.PositiveClassEce"/>
    /// and <see cref="CalibrationMetrics.PositiveClassReliabilityBins"/> use P(y = 1) vs the observed positive rate.
    /// </remarks>
    public static CalibrationMetrics Binary(ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> labels, int binCount = DefaultBinCount, ReadOnlySpan<float> weights = default)
    {
        int n = probabilities.Length;
        CheckCommon(n, labels.Length, binCount, weights);
        var w = Weights(weights, n);
        var p = new double[n];
        var y = new double[n];
        var confidence = new double[n];
        var correct = new double[n];
        double brier = 0, logLoss = 0, accuracy = 0, total = 0;
        for (int i = 0; i < n; i++)
        {
            p[i] = CheckProbability(probabilities[i], i);
            y[i] = labels[i] ? 1 : 0;
            bool predictedPositive = p[i] >= 0.5;
            confidence[i] = predictedPositive ? p[i] : 1 - p[i];
            correct[i] = predictedPositive == labels[i] ? 1 : 0;
            double clipped = Math.Clamp(p[i], ProbabilityClip, 1 - ProbabilityClip);
            brier += w[i] * (p[i] - y[i]) * (p[i] - y[i]);
            logLoss -= w[i] * (labels[i] ? Math.Log(clipped) : Math.Log(1 - clipped));
            accuracy += w[i] * correct[i];
            total += w[i];
        }
        var positiveBins = EqualWidthBins(p, y, w, binCount);
        return TopLabel(2, binCount, confidence, correct, w, accuracy, brier, logLoss, total) with
        {
            PositiveClassEce = Ece(positiveBins, total),
            PositiveClassReliabilityBins = positiveBins,
        };
    }

    /// <summary>The metrics both tasks share: top-label ECE, adaptive ECE, MCE and reliability bins, accuracy, Brier score and log-loss.</summary>
    private static CalibrationMetrics TopLabel(int classCount, int binCount, double[] confidence, double[] correct, double[] w,
        double accuracy, double brier, double logLoss, double total)
    {
        var topBins = EqualWidthBins(confidence, correct, w, binCount);
        return new CalibrationMetrics
        {
            RowCount = confidence.Length,
            TotalWeight = total,
            ClassCount = classCount,
            BinCount = binCount,
            Accuracy = accuracy / total,
            Ece = Ece(topBins, total),
            AdaptiveEce = Ece(EqualMassBins(confidence, correct, w, binCount), total),
            Mce = Mce(topBins),
            Brier = brier / total,
            LogLoss = logLoss / total,
            ReliabilityBins = topBins,
        };
    }

    /// <summary>Metrics of multiclass predictions.</summary>
    /// <param name="probabilities">Row-major class probabilities, <paramref name="rowCount"/> × <paramref name="classCount"/>, each in [0, 1] (rows should sum to 1).</param>
    /// <param name="rowCount">Number of rows, ≥ 1.</param>
    /// <param name="classCount">Number of classes K, ≥ 2.</param>
    /// <param name="labels">True class indices in [0, K), one per row.</param>
    /// <param name="binCount">Number of bins M, ≥ 1. Default 15.</param>
    /// <param name="weights">Optional example weights (finite, ≥ 0, positive total), one per row; empty = all 1.</param>
    public static CalibrationMetrics Multiclass(ReadOnlySpan<float> probabilities, int rowCount, int classCount, ReadOnlySpan<int> labels, int binCount = DefaultBinCount, ReadOnlySpan<float> weights = default)
    {
        if (classCount < 2)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"classCount must be ≥ 2 (use Binary for one probability per row). Received: {classCount}.");
        if (probabilities.Length != (long)rowCount * classCount)
            throw new ArgumentException($"'probabilities' must hold rowCount × classCount = {(long)rowCount * classCount} values. Received: {probabilities.Length}.", nameof(probabilities));
        CheckCommon(rowCount, labels.Length, binCount, weights);
        var w = Weights(weights, rowCount);
        var confidence = new double[rowCount];
        var correct = new double[rowCount];
        double brier = 0, logLoss = 0, accuracy = 0, total = 0;
        for (int i = 0; i < rowCount; i++)
        {
            int label = labels[i];
            if ((uint)label >= (uint)classCount)
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"labels[{i}] = {label} is outside [0, {classCount}).");
            int argmax = 0;
            double best = double.NegativeInfinity, squared = 0;
            for (int k = 0; k < classCount; k++)
            {
                double pk = CheckProbability(probabilities[i * classCount + k], i * classCount + k);
                if (pk > best) { best = pk; argmax = k; }
                double target = k == label ? 1 : 0;
                squared += (pk - target) * (pk - target);
            }
            confidence[i] = best;
            correct[i] = argmax == label ? 1 : 0;
            brier += w[i] * squared;
            logLoss -= w[i] * Math.Log(Math.Clamp(probabilities[i * classCount + label], ProbabilityClip, 1 - ProbabilityClip));
            accuracy += w[i] * correct[i];
            total += w[i];
        }
        double classwise = 0;
        var pk2 = new double[rowCount];
        var yk = new double[rowCount];
        for (int k = 0; k < classCount; k++)
        {
            for (int i = 0; i < rowCount; i++)
            {
                pk2[i] = probabilities[i * classCount + k];
                yk[i] = labels[i] == k ? 1 : 0;
            }
            classwise += Ece(EqualWidthBins(pk2, yk, w, binCount), total);
        }
        return TopLabel(classCount, binCount, confidence, correct, w, accuracy, brier, logLoss, total) with
        {
            ClasswiseEce = classwise / classCount,
        };
    }

    /// <summary>
    /// Equal-width reliability bins of any predicted probability against a binary outcome (e.g. P(y = 1) vs the
    /// label), all <paramref name="binCount"/> bins including empty ones.
    /// </summary>
    /// <param name="predicted">Predicted probabilities, each in [0, 1].</param>
    /// <param name="outcomes">Whether the event happened, one per prediction.</param>
    /// <param name="binCount">Number of bins M, ≥ 1. Default 15.</param>
    /// <param name="weights">Optional example weights; empty = all 1.</param>
    public static IReadOnlyList<ReliabilityBin> ReliabilityDiagram(ReadOnlySpan<float> predicted, ReadOnlySpan<bool> outcomes, int binCount = DefaultBinCount, ReadOnlySpan<float> weights = default)
    {
        int n = predicted.Length;
        CheckCommon(n, outcomes.Length, binCount, weights);
        var p = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = CheckProbability(predicted[i], i);
            y[i] = outcomes[i] ? 1 : 0;
        }
        return EqualWidthBins(p, y, Weights(weights, n), binCount);
    }

    private static ReliabilityBin[] EqualWidthBins(double[] predicted, double[] outcome, double[] w, int binCount)
    {
        var weight = new double[binCount];
        var sumPredicted = new double[binCount];
        var sumOutcome = new double[binCount];
        var count = new int[binCount];
        for (int i = 0; i < predicted.Length; i++)
        {
            int m = Math.Min((int)(predicted[i] * binCount), binCount - 1);
            count[m]++;
            weight[m] += w[i];
            sumPredicted[m] += w[i] * predicted[i];
            sumOutcome[m] += w[i] * outcome[i];
        }
        var bins = new ReliabilityBin[binCount];
        for (int m = 0; m < binCount; m++)
            bins[m] = MakeBin((double)m / binCount, (double)(m + 1) / binCount, count[m], weight[m], sumPredicted[m], sumOutcome[m]);
        return bins;
    }

    private static ReliabilityBin[] EqualMassBins(double[] predicted, double[] outcome, double[] w, int binCount)
    {
        int n = predicted.Length;
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => predicted[a] != predicted[b] ? predicted[a].CompareTo(predicted[b]) : a.CompareTo(b));
        double total = w.Sum();
        var weight = new double[binCount];
        var sumPredicted = new double[binCount];
        var sumOutcome = new double[binCount];
        var count = new int[binCount];
        var lower = Enumerable.Repeat(double.NaN, binCount).ToArray();
        var upper = Enumerable.Repeat(double.NaN, binCount).ToArray();
        double before = 0;
        foreach (int i in order)
        {
            int m = Math.Min((int)(binCount * (before + w[i] / 2) / total), binCount - 1);
            before += w[i];
            count[m]++;
            weight[m] += w[i];
            sumPredicted[m] += w[i] * predicted[i];
            sumOutcome[m] += w[i] * outcome[i];
            if (double.IsNaN(lower[m])) lower[m] = predicted[i];
            upper[m] = predicted[i];
        }
        var bins = new ReliabilityBin[binCount];
        for (int m = 0; m < binCount; m++)
            bins[m] = MakeBin(lower[m], upper[m], count[m], weight[m], sumPredicted[m], sumOutcome[m]);
        return bins;
    }

    private static ReliabilityBin MakeBin(double lower, double upper, int count, double weight, double sumPredicted, double sumOutcome) =>
        weight > 0
            ? new ReliabilityBin(lower, upper, count, weight, sumPredicted / weight, sumOutcome / weight)
            : new ReliabilityBin(lower, upper, count, weight, double.NaN, double.NaN);

    private static double Ece(IEnumerable<ReliabilityBin> bins, double total) =>
        bins.Where(b => b.Weight > 0).Sum(b => b.Weight / total * b.Gap);

    private static double Mce(IEnumerable<ReliabilityBin> bins) =>
        bins.Where(b => b.Weight > 0).Select(b => b.Gap).DefaultIfEmpty(0).Max();

    private static void CheckCommon(int rowCount, int labelCount, int binCount, ReadOnlySpan<float> weights)
    {
        if (rowCount < 1)
            throw new ArgumentException("At least one prediction is needed.");
        if (labelCount != rowCount)
            throw new ArgumentException($"Expected one label per row ({rowCount}). Received: {labelCount}.");
        if (binCount < 1)
            throw new ArgumentOutOfRangeException(nameof(binCount), binCount, $"binCount must be ≥ 1. Received: {binCount}.");
        if (!weights.IsEmpty && weights.Length != rowCount)
            throw new ArgumentException($"Expected one weight per row ({rowCount}) or none. Received: {weights.Length}.", nameof(weights));
    }

    private static double[] Weights(ReadOnlySpan<float> weights, int n)
    {
        var w = new double[n];
        if (weights.IsEmpty)
        {
            Array.Fill(w, 1.0);
            return w;
        }
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            if (!float.IsFinite(weights[i]) || weights[i] < 0)
                throw new ArgumentOutOfRangeException(nameof(weights), weights[i], $"weights[{i}] must be finite and ≥ 0. Received: {weights[i].ToString(CultureInfo.InvariantCulture)}.");
            w[i] = weights[i];
            total += w[i];
        }
        if (total <= 0)
            throw new ArgumentException("The example weights must have a positive total.", nameof(weights));
        return w;
    }

    private static double CheckProbability(float p, int index)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException("probabilities", p, $"probabilities[{index}] = {p.ToString(CultureInfo.InvariantCulture)} is not in [0, 1].");
        return p;
    }
}
