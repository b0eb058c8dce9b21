using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;


namespace Microsoft.ML.Dropout.Inference;

/// <summary>
/// Managed scoring of an <see cref="MlpSnapshot"/> without TorchSharp or ONNX Runtime: deterministic forward
/// passes (the reference for ONNX parity), probability and label-unit post-processing, and MC dropout.
/// Rows are evaluated in blocks of 32, in parallel over blocks; results do not depend on thread scheduling.
/// </summary>
public static class SnapshotEvaluator
{
    /// <summary>Evaluation-mode forward pass: dropout sites are the identity.</summary>
    /// <param name="snapshot">The network; validated.</param>
    /// <param name="rows">Row-major features, <paramref name="rowCount"/> × InputSize values.</param>
    /// <param name="rowCount">Number of rows, ≥ 0.</param>
    /// <returns>Raw outputs, row-major, <paramref name="rowCount"/> × OutputSize values.</returns>
    public static float[] Forward(MlpSnapshot snapshot, ReadOnlySpan<float> rows, int rowCount)
    {
        SnapshotValidator.Validate(snapshot);
        CheckRows(snapshot, rows, rowCount);
        return ForwardKernel.Run(snapshot, rows.ToArray(), rowCount, noise: null);
    }

    /// <summary>
    /// Class probabilities from raw outputs: binary → sigmoid(z/T), one value P(y = 1) per row; multiclass →
    /// softmax(z/T) per row, K values per row. T is the snapshot's temperature when <paramref name="applyTemperature"/>, else 1.
    /// For an ensemble classifier, <see cref="Forward"/> already divided each member's logits by T and returned T times
    /// the combined score, so the result is the mean of the members' tempered probabilities.
    /// </summary>
    /// <param name="snapshot">A classification snapshot.</param>
    /// <param name="rawOutputs">Output of <see cref="Forward"/>: <paramref name="rowCount"/> × OutputSize values.</param>
    /// <param name="rowCount">Number of rows, ≥ 0.</param>
    /// <param name="applyTemperature">Divide the logits by <see cref="MlpSnapshot.Temperature"/>. Default true.</param>
    /// <exception cref="ArgumentException"><paramref name="applyTemperature"/> is false for an ensemble classifier whose temperature is not 1.</exception>
    public static float[] Probabilities(MlpSnapshot snapshot, ReadOnlySpan<float> rawOutputs, int rowCount, bool applyTemperature = true)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Task == TaskKind.Regression)
            throw new ArgumentException("Probabilities need a classification snapshot; this one is Regression: use ToLabelUnits.", nameof(snapshot));
        CheckLength(rawOutputs.Length, rowCount, snapshot.OutputSize, nameof(rawOutputs));
        if (!applyTemperature && EnsembleTemperature.DividesMembers(snapshot))
            throw new ArgumentException($"This ensemble's temperature ({snapshot.Temperature}) divides every member's logits, so its raw outputs already depend on it and applyTemperature = false cannot undo it: evaluate `snapshot with {{ Temperature = 1 }}` for untempered probabilities.", nameof(applyTemperature));
        double t = applyTemperature ? snapshot.Temperature : 1.0;
        return snapshot.Task == TaskKind.BinaryClassification
            ? Sigmoid(rawOutputs, t)
            : Softmax(rawOutputs, rowCount, snapshot.OutputSize, t);
    }

    /// <summary>Regression predictions in label units: raw · OutputScale + OutputShift (undoes target standardization).</summary>
    /// <param name="snapshot">A regression snapshot.</param>
    /// <param name="rawOutputs">Output of <see cref="Forward"/>, one value per row.</param>
    public static float[] ToLabelUnits(MlpSnapshot snapshot, ReadOnlySpan<float> rawOutputs)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Task != TaskKind.Regression)
            throw new ArgumentException($"ToLabelUnits needs a Regression snapshot; this one is {snapshot.Task}: use Probabilities.", nameof(snapshot));
        var y = new float[rawOutputs.Length];
        for (int i = 0; i < y.Length; i++)
            y[i] = (float)(rawOutputs[i] * snapshot.OutputScale + snapshot.OutputShift);
        return y;
    }

    /// <summary>Element-wise σ(z/T), computed stably in double precision.</summary>
    /// <param name="logits">Any number of logits.</param>
    /// <param name="temperature">T: finite and &gt; 0. Default 1.</param>
    public static float[] Sigmoid(ReadOnlySpan<float> logits, double temperature = 1.0)
    {
        OptionGuard.Positive(temperature, nameof(temperature));
        var p = new float[logits.Length];
        for (int i = 0; i < p.Length; i++)
            p[i] = (float)ActivationMath.Sigmoid(logits[i] / temperature);
        return p;
    }

    /// <summary>Row-wise softmax(z/T) with the maximum subtracted, in double precision.</summary>
    /// <param name="logits">Row-major, <paramref name="rowCount"/> × <paramref name="classCount"/> values.</param>
    /// <param name="rowCount">Number of rows, ≥ 0.</param>
    /// <param name="classCount">Classes per row, ≥ 1.</param>
    /// <param name="temperature">T: finite and &gt; 0. Default 1.</param>
    public static float[] Softmax(ReadOnlySpan<float> logits, int rowCount, int classCount, double temperature = 1.0)
    {
        OptionGuard.Positive(temperature, nameof(temperature));
        OptionGuard.AtLeast(classCount, 1, nameof(classCount));
        CheckLength(logits.Length, rowCount, classCount, nameof(logits));
        var p = new float[logits.Length];
        var buffer = new double[classCount];
        for (int r = 0; r < rowCount; r++)
        {
            SoftmaxRow(logits.Slice(r * classCount, classCount), temperature, buffer);
            for (int k = 0; k < classCount; k++)
                p[r * classCount + k] = (float)buffer[k];
        }
        return p;
    }

    /// <summary>
    /// MC dropout: <paramref name="passes"/> stochastic forward passes with a fresh mask at every dropout site,
    /// everything else in evaluation mode, summarized per row.
    /// </summary>
    /// <remarks>
    /// Site behaviour by <see cref="DropoutKind"/>: Standard — inverted Bernoulli r⊙x/(1−p); Gaussian —
    /// x·N(1, p/(1−p)); Alpha — dropped units set to −λα then a·x + b (SELU constants, PyTorch's alpha_dropout);
    /// DropConnect — the weights (not biases) of the next <see cref="DenseLayer"/> in evaluation order are masked
    /// W⊙M/(1−p), one mask per pass shared by all rows; Concrete — sampled as Standard at its (learned) rate.
    /// Sites with rate 0 are the identity, so a snapshot whose rates are all 0 yields standard deviations of
    /// exactly 0. DropPath is not represented in a snapshot and stays the identity. Each pass and each block of 32
    /// rows draws from its own stream derived from (<paramref name="seed"/>, pass, block), so the result is a pure
    /// function of the inputs and the seed.
    /// </remarks>
    /// <param name="snapshot">The network; validated.</param>
    /// <param name="rows">Row-major features, <paramref name="rowCount"/> × InputSize values.</param>
    /// <param name="rowCount">Number of rows, ≥ 0.</param>
    /// <param name="passes">Number of stochastic passes K, ≥ 1 (30–100 is typical).</param>
    /// <param name="seed">Seed of the masks; equal seeds give equal results.</param>
    /// <param name="applyTemperature">Classification: divide each pass's logits by the snapshot's temperature before the probabilities. Default true.</param>
    /// <exception cref="InvalidOperationException">A DropConnect site has no following DenseLayer.</exception>
    public static McDropoutResult McDropout(MlpSnapshot snapshot, ReadOnlySpan<float> rows, int rowCount, int passes, int seed, bool applyTemperature = true)
    {
        SnapshotValidator.Validate(snapshot);
        CheckRows(snapshot, rows, rowCount);
        OptionGuard.AtLeast(passes, 1, nameof(passes));
        if (!applyTemperature)
            snapshot = snapshot with { Temperature = 1.0 };

        float[] input = rows.ToArray();
        int k = snapshot.OutputSize;
        var targets = ForwardKernel.DropConnectTargets(snapshot);
        bool classification = snapshot.Task != TaskKind.Regression;
        bool binary = snapshot.Task == TaskKind.BinaryClassification;
        double temperature = snapshot.Temperature;
        int probabilityWidth = binary ? 1 : k;

        var raw = new Welford(rowCount * k);
        var probability = classification ? new Welford(rowCount * probabilityWidth) : null;
        var meanEntropy = classification ? new double[rowCount] : null;
        var p = new double[probabilityWidth];

        for (int pass = 0; pass < passes; pass++)
        {
            var noise = new ForwardKernel.PassNoise(seed, pass, ForwardKernel.MaskWeights(targets, seed, pass));
            float[] output = ForwardKernel.Run(snapshot, input, rowCount, noise);
            raw.Add(output);
            if (!classification)
                continue;
            for (int r = 0; r < rowCount; r++)
            {
                if (binary)
                    p[0] = ActivationMath.Sigmoid(output[r] / temperature);
                else
                    SoftmaxRow(new ReadOnlySpan<float>(output, r * k, k), temperature, p);
                probability!.Add(r * probabilityWidth, p);
                meanEntropy![r] += (Entropy(p, binary) - meanEntropy[r]) / (pass + 1);
            }
        }

        var result = new McDropoutResult
        {
            Task = snapshot.Task,
            RowCount = rowCount,
            OutputSize = k,
            Passes = passes,
            MeanRaw = raw.Means(),
            StdRaw = raw.StandardDeviations(),
        };
        if (classification)
        {
            float[] meanProbability = probability!.Means();
            var entropy = new float[rowCount];
            var mutualInformation = new float[rowCount];
            for (int r = 0; r < rowCount; r++)
            {
                for (int c = 0; c < probabilityWidth; c++)
                    p[c] = probability.Mean(r * probabilityWidth + c);
                double h = Entropy(p, binary);
                entropy[r] = (float)h;
                mutualInformation[r] = (float)Math.Max(0, h - meanEntropy![r]);
            }
            return result with
            {
                MeanProbability = meanProbability,
                StdProbability = probability.StandardDeviations(),
                PredictiveEntropy = entropy,
                MutualInformation = mutualInformation,
            };
        }
        var meanPrediction = new float[rowCount];
        var stdPrediction = new float[rowCount];
        for (int r = 0; r < rowCount; r++)
        {
            meanPrediction[r] = (float)(raw.Mean(r) * snapshot.OutputScale + snapshot.OutputShift);
            stdPrediction[r] = (float)(raw.StandardDeviation(r) * Math.Abs(snapshot.OutputScale));
        }
        return result with { MeanPrediction = meanPrediction, StdPrediction = stdPrediction };
    }

    private static void SoftmaxRow(ReadOnlySpan<float> logits, double temperature, Span<double> p)
    {
        double max = double.NegativeInfinity;
        for (int c = 0; c < logits.Length; c++)
            max = Math.Max(max, logits[c] / temperature);
        double sum = 0;
        for (int c = 0; c < logits.Length; c++)
        {
            p[c] = Math.Exp(logits[c] / temperature - max);
            sum += p[c];
        }
        for (int c = 0; c < logits.Length; c++)
            p[c] /= sum;
    }

    /// <summary>Entropy in nats of a categorical distribution, or of Bernoulli(p[0]) when <paramref name="binary"/>.</summary>
    private static double Entropy(ReadOnlySpan<double> p, bool binary)
    {
        static double Term(double q) => q > 0 ? -q * Math.Log(q) : 0;
        if (binary)
            return Term(p[0]) + Term(1 - p[0]);
        double h = 0;
        foreach (double q in p)
            h += Term(q);
        return h;
    }

    private static void CheckRows(MlpSnapshot snapshot, ReadOnlySpan<float> rows, int rowCount) =>
        CheckLength(rows.Length, rowCount, snapshot.InputSize, nameof(rows));

    private static void CheckLength(int length, int rowCount, int width, string name)
    {
        OptionGuard.AtLeast(rowCount, 0, nameof(rowCount));
        if (length != (long)rowCount * width)
            throw new ArgumentException($"'{name}' must hold rowCount × {width} = {(long)rowCount * width} values. Received: {length}.", name);
    }

    /// <summary>Running mean and variance per cell (Welford, double precision): identical values give exactly 0 variance.</summary>
    private sealed class Welford
    {
        private readonly double[] _mean;
        private readonly double[] _m2;
        private int _count;

        internal Welford(int cells)
        {
            _mean = new double[cells];
            _m2 = new double[cells];
        }

        internal void Add(float[] values)
        {
            _count++;
            for (int i = 0; i < values.Length; i++)
                Update(i, values[i]);
        }

        /// <summary>Adds one pass's values for the cells starting at <paramref name="offset"/>; a pass starts with offset 0 and visits offsets in increasing order.</summary>
        internal void Add(int offset, ReadOnlySpan<double> values)
        {
            if (offset == 0)
                _count++;
            for (int i = 0; i < values.Length; i++)
                Update(offset + i, values[i]);
        }

        private void Update(int i, double value)
        {
            double delta = value - _mean[i];
            _mean[i] += delta / _count;
            _m2[i] += delta * (value - _mean[i]);
        }

        internal double Mean(int i) => _mean[i];

        internal double StandardDeviation(int i) => Math.Sqrt(Math.Max(0, _m2[i] / _count));

        internal float[] Means() => Array.ConvertAll(_mean, m => (float)m);

        internal float[] StandardDeviations()
        {
            var std = new float[_mean.Length];
            for (int i = 0; i < std.Length; i++)
                std[i] = (float)StandardDeviation(i);
            return std;
        }
    }
}
