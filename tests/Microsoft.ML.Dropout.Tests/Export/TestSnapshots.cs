using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Export;

/// <summary>Hand-built snapshots with seeded random weights, and seeded inputs.</summary>
internal static class TestSnapshots
{
    /// <summary>
    /// input → hidden0 (Dense, [LayerNorm], activation, dropout) → [residual block (Dense, [LayerNorm], activation,
    /// dropout)] → output Dense.
    /// </summary>
    internal static MlpSnapshot Mlp(TaskKind task, int inputSize, int outputSize, Activation activation, bool layerNorm,
        bool residual, DropoutKind kind = DropoutKind.Standard, double rate = 0.2, int hidden = 24, int seed = 1)
    {
        var rng = new Random(seed);
        var layers = new List<SnapshotLayer>();
        layers.AddRange(Hidden("hidden0", inputSize, hidden, activation, layerNorm, kind, rate, rng));
        if (residual)
            layers.Add(new ResidualBlock("block1", Hidden("block1", hidden, hidden, activation, layerNorm, kind, rate, rng).ToList()));
        layers.Add(Dense("output", hidden, outputSize, rng));
        return new MlpSnapshot(inputSize, outputSize, task, layers);
    }

    internal static IEnumerable<SnapshotLayer> Hidden(string name, int inputSize, int outputSize, Activation activation, bool layerNorm,
        DropoutKind kind, double rate, Random rng)
    {
        yield return Dense($"{name}.linear", inputSize, outputSize, rng);
        if (layerNorm)
        {
            var scale = Enumerable.Range(0, outputSize).Select(_ => (float)(1 + 0.2 * (rng.NextDouble() - 0.5))).ToArray();
            var shift = Enumerable.Range(0, outputSize).Select(_ => (float)(0.2 * (rng.NextDouble() - 0.5))).ToArray();
            yield return new LayerNormLayer($"{name}.norm", outputSize, scale, shift, 1e-5f);
        }
        yield return new ActivationLayer($"{name}.act", activation);
        yield return new DropoutLayer($"{name}.dropout", kind, rate);
    }

    internal static DenseLayer Dense(string name, int inputSize, int outputSize, Random rng)
    {
        double std = 1.0 / Math.Sqrt(inputSize);
        var weight = Enumerable.Range(0, inputSize * outputSize).Select(_ => (float)(Gaussian(rng) * std * 1.5)).ToArray();
        var bias = Enumerable.Range(0, outputSize).Select(_ => (float)(0.1 * Gaussian(rng))).ToArray();
        return new DenseLayer(name, inputSize, outputSize, weight, bias);
    }

    internal static float[] Rows(int rowCount, int inputSize, int seed = 7, double scale = 1.5) =>
        Rows(new Random(seed), rowCount * inputSize, scale);

    private static float[] Rows(Random rng, int count, double scale) =>
        Enumerable.Range(0, count).Select(_ => (float)(Gaussian(rng) * scale)).ToArray();

    internal static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
