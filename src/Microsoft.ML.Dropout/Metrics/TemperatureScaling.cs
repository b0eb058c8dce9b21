using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Inference.Tabular;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Metrics;

/// <summary>
/// Temperature scaling (Guo et al. 2017): one T &gt; 0 dividing every logit, fitted by minimizing the mean
/// negative log-likelihood on held-out data. Accuracy is unchanged (argmax is invariant).
/// </summary>
/// <remarks>
/// NLL(z/T) is convex in β = 1/T, hence unimodal in log T; the fit runs a golden-section search on log T over
/// [minTemperature, maxTemperature] to a tolerance of 1e−9 in log T, in double precision with stable
/// log-sum-exp / softplus. Binary data come as one logit per row (classCount = 1) with labels 0/1. For an ensemble
/// snapshot T divides every member's logits and is fitted on the averaged prediction (the same search).
/// </remarks>
public static class TemperatureScaling
{
    /// <summary>Lower end of the default search range: 0.05.</summary>
    public const double DefaultMinTemperature = 0.05;

    /// <summary>Upper end of the default search range: 20.</summary>
    public const double DefaultMaxTemperature = 20.0;

    private const double Tolerance = 1e-9;

    /// <summary>Fits T on logits.</summary>
    /// <param name="logits">Row-major logits, <paramref name="rowCount"/> × <paramref name="classCount"/>.</param>
    /// <param name="rowCount">Number of rows, ≥ 1.</param>
    /// <param name="classCount">1 for binary (one logit per row, labels 0/1), else the number of classes K ≥ 2.</param>
    /// <param name="labels">Labels: 0/1 when <paramref name="classCount"/> = 1, else class indices in [0, K).</param>
    /// <param name="minTemperature">Smallest T searched; finite, &gt; 0. Default 0.05.</param>
    /// <param name="maxTemperature">Largest T searched; finite, &gt; <paramref name="minTemperature"/>. Default 20.</param>
    /// <returns>The fitted temperature.</returns>
    public static double Fit(ReadOnlySpan<float> logits, int rowCount, int classCount, ReadOnlySpan<int> labels,
        double minTemperature = DefaultMinTemperature, double maxTemperature = DefaultMaxTemperature) =>
        FitWithReport(logits, rowCount, classCount, labels, minTemperature, maxTemperature).Temperature;

    /// <summary>Fits T on binary logits (one per row).</summary>
    /// <param name="logits">One logit per row.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="minTemperature">Smallest T searched; finite, &gt; 0. Default 0.05.</param>
    /// <param name="maxTemperature">Largest T searched; finite, &gt; <paramref name="minTemperature"/>. Default 20.</param>
    /// <returns>The fitted temperature.</returns>
    public static double Fit(ReadOnlySpan<float> logits, ReadOnlySpan<bool> labels,
        double minTemperature = DefaultMinTemperature, double maxTemperature = DefaultMaxTemperature) =>
        FitWithReport(logits, logits.Length, 1, ToInts(labels), minTemperature, maxTemperature).Temperature;

    /// <summary>Fits T on binary logits and reports NLL before and after.</summary>
    /// <param name="logits">One logit per row.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="minTemperature">Smallest T searched; finite, &gt; 0. Default 0.05.</param>
    /// <param name="maxTemperature">Largest T searched; finite, &gt; <paramref name="minTemperature"/>. Default 20.</param>
    public static TemperatureScalingResult FitWithReport(ReadOnlySpan<float> logits, ReadOnlySpan<bool> labels,
        double minTemperature = DefaultMinTemperature, double maxTemperature = DefaultMaxTemperature) =>
        FitWithReport(logits, logits.Length, 1, ToInts(labels), minTemperature, maxTemperature);

    /// <summary>
    /// Fits the temperature of a trained classifier on held-out rows (Guo et al. 2017): the network's raw logits
    /// (any temperature already in <paramref name="network"/> is ignored) against the rows' labels.
    /// </summary>
    /// <param name="network">A binary or multiclass network.</param>
    /// <param name="heldOut">Rows the network was not trained on; labels 0/1 or class indices.</param>
    public static TemperatureScalingResult FitWithReport(MlpSnapshot network, TrainingData heldOut)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(heldOut);
        if (network.Task == TaskKind.Regression)
            throw new ArgumentException("Temperature scaling calibrates class probabilities; the network is a regression network.", nameof(network));
        int[] labels = heldOut.Labels.Select(l => (int)l).ToArray();
        int classes = network.Task == TaskKind.BinaryClassification ? 1 : network.OutputSize;
        if (network.Layers.OfType<EnsembleMeanLayer>().Any())
            return FitEnsemble(network with { Temperature = 1.0 }, heldOut, classes, labels);
        float[] logits = SnapshotEvaluator.Forward(network, heldOut.Features, heldOut.RowCount);
        return FitWithReport(logits, heldOut.RowCount, classes, labels);
    }

    /// <summary>
    /// An ensemble's T divides every member's logits (<see cref="EnsembleTemperature"/>), so T is fitted on the
    /// averaged prediction mean_i softmax(z_i/T): the members' logits are computed once (the layers up to the
    /// ensemble mean), then each trial T runs only the mean and the layers after it.
    /// </summary>
    private static TemperatureScalingResult FitEnsemble(MlpSnapshot network, TrainingData heldOut, int classes, int[] labels)
    {
        int rows = heldOut.RowCount;
        if (rows < 1)
            throw new ArgumentException("At least one row is needed to fit a temperature.", nameof(heldOut));
        var layers = network.Layers;
        int meanIndex = layers.ToList().FindIndex(l => l is EnsembleMeanLayer);
        var mean = (EnsembleMeanLayer)layers[meanIndex];
        var members = new MlpSnapshot(network.InputSize, mean.Members * mean.Size, network.Task, layers.Take(meanIndex).ToArray());
        var tail = new MlpSnapshot(mean.Size, network.OutputSize, network.Task, layers.Skip(meanIndex + 1).ToArray());
        float[] memberLogits = ForwardKernel.Run(members, heldOut.Features, rows, noise: null);
        double Objective(double logT)
        {
            float inverse = (float)Math.Exp(-logT);
            float[] combined = EnsembleMeanForward.Run(mean, Array.ConvertAll(memberLogits, z => z * inverse), rows);
            return Nll(ForwardKernel.Run(tail, combined, rows, noise: null), rows, classes, labels, 1.0);
        }
        var (temperature, atBound) = GoldenSection(Objective, DefaultMinTemperature, DefaultMaxTemperature);
        return new TemperatureScalingResult(temperature, Objective(0), Objective(Math.Log(temperature)), atBound) { Rows = rows };
    }

    /// <summary>Fits T and reports NLL before and after.</summary>
    /// <param name="logits">Row-major logits, <paramref name="rowCount"/> × <paramref name="classCount"/>.</param>
    /// <param name="rowCount">Number of rows, ≥ 1.</param>
    /// <param name="classCount">1 for binary (one logit per row, labels 0/1), else the number of classes K ≥ 2.</param>
    /// <param name="labels">Labels: 0/1 when <paramref name="classCount"/> = 1, else class indices in [0, K).</param>
    /// <param name="minTemperature">Smallest T searched; finite, &gt; 0. Default 0.05.</param>
    /// <param name="maxTemperature">Largest T searched; finite, &gt; <paramref name="minTemperature"/>. Default 20.</param>
    public static TemperatureScalingResult FitWithReport(ReadOnlySpan<float> logits, int rowCount, int classCount, ReadOnlySpan<int> labels,
        double minTemperature = DefaultMinTemperature, double maxTemperature = DefaultMaxTemperature)
    {
        OptionGuard.Positive(minTemperature, nameof(minTemperature));
        OptionGuard.Positive(maxTemperature, nameof(maxTemperature));
        if (maxTemperature <= minTemperature)
            throw new ArgumentOutOfRangeException(nameof(maxTemperature), maxTemperature,
                OptionGuard.Message(nameof(maxTemperature), $"a value > minTemperature = {minTemperature}", maxTemperature.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        Check(logits, rowCount, classCount, labels);
        if (rowCount < 1)
            throw new ArgumentException("At least one row is needed to fit a temperature.", nameof(rowCount));
        float[] z = logits.ToArray();
        int[] y = labels.ToArray();
        double Objective(double logT) => Nll(z, rowCount, classCount, y, Math.Exp(logT));
        var (temperature, atBound) = GoldenSection(Objective, minTemperature, maxTemperature);
        return new TemperatureScalingResult(temperature, Nll(z, rowCount, classCount, y, 1.0), Nll(z, rowCount, classCount, y, temperature), atBound) { Rows = rowCount };
    }

    /// <summary>Golden-section search of <paramref name="objective"/>(log T) over [log min, log max] to <see cref="Tolerance"/>; T and whether it sits at a bound.</summary>
    private static (double Temperature, bool AtBound) GoldenSection(Func<double, double> objective, double minTemperature, double maxTemperature)
    {
        const double InvPhi = 0.61803398874989484820;
        double a = Math.Log(minTemperature), b = Math.Log(maxTemperature);
        double c = b - InvPhi * (b - a), d = a + InvPhi * (b - a);
        double fc = objective(c), fd = objective(d);
        while (b - a > Tolerance)
        {
            if (fc <= fd)
            {
                b = d; d = c; fd = fc;
                c = b - InvPhi * (b - a);
                fc = objective(c);
            }
            else
            {
                a = c; c = d; fc = fd;
                d = a + InvPhi * (b - a);
                fd = objective(d);
            }
        }
        double logT = (a + b) / 2;
        double temperature = Math.Exp(logT);
        bool atBound = logT - Math.Log(minTemperature) < 1e-6 || Math.Log(maxTemperature) - logT < 1e-6;
        return (temperature, atBound);
    }

    /// <summary>Mean negative log-likelihood (nats per row) of logits/T, computed stably in double precision.</summary>
    /// <param name="logits">Row-major logits, <paramref name="rowCount"/> × <paramref name="classCount"/>.</param>
    /// <param name="rowCount">Number of rows, ≥ 1.</param>
    /// <param name="classCount">1 for binary (labels 0/1), else K ≥ 2.</param>
    /// <param name="labels">Labels as for <see cref="Fit(ReadOnlySpan{float}, int, int, ReadOnlySpan{int}, double, double)"/>.</param>
    /// <param name="temperature">T: finite, &gt; 0. Default 1.</param>
    public static double NegativeLogLikelihood(ReadOnlySpan<float> logits, int rowCount, int classCount, ReadOnlySpan<int> labels, double temperature = 1.0)
    {
        OptionGuard.Positive(temperature, nameof(temperature));
        Check(logits, rowCount, classCount, labels);
        if (rowCount < 1)
            throw new ArgumentException("At least one row is needed.", nameof(rowCount));
        return Nll(logits, rowCount, classCount, labels, temperature);
    }

    private static double Nll(ReadOnlySpan<float> z, int rowCount, int classCount, ReadOnlySpan<int> y, double temperature)
    {
        double total = 0, inv = 1 / temperature;
        if (classCount == 1)
        {
            for (int i = 0; i < rowCount; i++)
            {
                double s = z[i] * inv;
                // −log σ(s) = softplus(−s); −log(1 − σ(s)) = softplus(s); softplus(s) = max(s, 0) + log(1 + e^−|s|).
                double softplus = Math.Max(s, 0) + Math.Log(1 + Math.Exp(-Math.Abs(s)));
                total += softplus - y[i] * s;
            }
        }
        else
        {
            for (int i = 0; i < rowCount; i++)
            {
                var row = z.Slice(i * classCount, classCount);
                double max = double.NegativeInfinity;
                foreach (float v in row) max = Math.Max(max, v * inv);
                double sum = 0;
                foreach (float v in row) sum += Math.Exp(v * inv - max);
                total += max + Math.Log(sum) - row[y[i]] * inv;
            }
        }
        return total / rowCount;
    }

    private static void Check(ReadOnlySpan<float> logits, int rowCount, int classCount, ReadOnlySpan<int> labels)
    {
        if (classCount < 1)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"classCount must be ≥ 1 (1 = binary with one logit per row). Received: {classCount}.");
        if (rowCount < 0 || logits.Length != (long)rowCount * classCount)
            throw new ArgumentException($"'logits' must hold rowCount × classCount = {(long)rowCount * classCount} values. Received: {logits.Length}.", nameof(logits));
        if (labels.Length != rowCount)
            throw new ArgumentException($"Expected one label per row ({rowCount}). Received: {labels.Length}.", nameof(labels));
        int classes = classCount == 1 ? 2 : classCount;
        for (int i = 0; i < rowCount; i++)
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"labels[{i}] = {labels[i]} is outside [0, {classes}).");
        foreach (float v in logits)
            if (!float.IsFinite(v))
                throw new ArgumentException("Every logit must be finite.", nameof(logits));
    }

    private static int[] ToInts(ReadOnlySpan<bool> labels)
    {
        var y = new int[labels.Length];
        for (int i = 0; i < y.Length; i++)
            y[i] = labels[i] ? 1 : 0;
        return y;
    }
}
