using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.ML.Dropout.Snapshots;

namespace Microsoft.ML.Dropout.Inference;

/// <summary>
/// Managed evaluation of an <see cref="MlpSnapshot"/> in blocks of rows (parallel over blocks), optionally with
/// dropout noise sampled at every <see cref="DropoutLayer"/> site for MC dropout. Float storage, float dot
/// products (as ONNX Runtime's Gemm), double precision for activations and LayerNorm statistics.
/// </summary>
internal static class ForwardKernel
{
    /// <summary>Rows per block: the unit of parallel work and of random streams.</summary>
    internal const int BlockRows = 32;

    /// <summary>Noise of one MC pass: seeds for activation masks and the masked weights for DropConnect.</summary>
    internal sealed class PassNoise
    {
        internal PassNoise(long seed, int pass, Dictionary<DenseLayer, float[]> maskedWeights)
        {
            Seed = seed;
            Pass = pass;
            MaskedWeights = maskedWeights;
        }

        internal long Seed { get; }
        internal int Pass { get; }
        internal Dictionary<DenseLayer, float[]> MaskedWeights { get; }
    }

    internal static float[] Run(MlpSnapshot snapshot, float[] input, int rowCount, PassNoise? noise)
    {
        int inWidth = snapshot.InputSize, outWidth = snapshot.OutputSize;
        var output = new float[(long)rowCount * outWidth];
        if (rowCount == 0)
            return output;
        var transposed = TransposedWeights(snapshot.Layers, noise);
        int blocks = (rowCount + BlockRows - 1) / BlockRows;
        void RunBlock(int block)
        {
            int start = block * BlockRows;
            int n = Math.Min(BlockRows, rowCount - start);
            var x = new float[n * inWidth];
            Array.Copy(input, (long)start * inWidth, x, 0, x.Length);
            var rng = noise is null ? default : new NoiseRandom(NoiseRandom.Derive(noise.Seed, noise.Pass, block));
            int width = inWidth;
            x = Apply(snapshot.Layers, x, n, ref width, transposed, noise, ref rng);
            Array.Copy(x, 0, output, (long)start * outWidth, x.Length);
        }
        if (blocks == 1)
            RunBlock(0);
        else
            Parallel.For(0, blocks, RunBlock);
        return output;
    }

    /// <summary>Wᵀ ([InputSize, OutputSize], row-major) of every Dense layer, from the pass's masked weights when DropConnect applies.</summary>
    private static Dictionary<DenseLayer, float[]> TransposedWeights(IReadOnlyList<SnapshotLayer> layers, PassNoise? noise)
    {
        var transposed = new Dictionary<DenseLayer, float[]>(ReferenceEqualityComparer.Instance);
        void Visit(IReadOnlyList<SnapshotLayer> list)
        {
            foreach (var layer in list)
            {
                if (layer is ResidualBlock block)
                    Visit(block.Body);
                else if (layer is DenseLayer dense)
                {
                    float[] w = noise != null && noise.MaskedWeights.TryGetValue(dense, out var masked) ? masked : dense.Weight;
                    var t = new float[w.Length];
                    for (int o = 0; o < dense.OutputSize; o++)
                        for (int i = 0; i < dense.InputSize; i++)
                            t[i * dense.OutputSize + o] = w[o * dense.InputSize + i];
                    transposed[dense] = t;
                }
            }
        }
        Visit(layers);
        return transposed;
    }

    private static float[] Apply(IReadOnlyList<SnapshotLayer> layers, float[] x, int n, ref int width,
        Dictionary<DenseLayer, float[]> transposed, PassNoise? noise, ref NoiseRandom rng)
    {
        foreach (var layer in layers)
        {
            switch (layer)
            {
                case DenseLayer dense:
                    x = Dense(x, n, dense.InputSize, dense.OutputSize, transposed[dense], dense.Bias);
                    width = dense.OutputSize;
                    break;
                case LayerNormLayer norm:
                    x = LayerNorm(x, n, width, norm);
                    break;
                case ActivationLayer activation:
                    x = Activate(x, activation.Activation);
                    break;
                case DropoutLayer dropout:
                    if (noise != null && dropout.Rate > 0 && dropout.Kind != DropoutKind.DropConnect)
                        x = Drop(x, dropout.Kind, dropout.Rate, ref rng);
                    break;
                case ResidualBlock block:
                    int bodyWidth = width;
                    float[] body = Apply(block.Body, x, n, ref bodyWidth, transposed, noise, ref rng);
                    var sum = new float[x.Length];
                    for (int i = 0; i < sum.Length; i++)
                        sum[i] = x[i] + body[i];
                    x = sum;
                    break;
            }
        }
        return x;
    }

    /// <summary>
    /// y = x·Wᵀ + b for a block of rows, as axpy updates y[r, :] += x[r, i]·Wᵀ[i, :] vectorized over the outputs
    /// (row i of Wᵀ is reused across the block); exact zeros in x (ReLU, dropped units) are skipped.
    /// </summary>
    private static float[] Dense(float[] x, int n, int inSize, int outSize, float[] transposedWeight, float[] bias)
    {
        var y = new float[n * outSize];
        for (int r = 0; r < n; r++)
            bias.AsSpan().CopyTo(y.AsSpan(r * outSize, outSize));
        for (int i = 0; i < inSize; i++)
        {
            var w = new ReadOnlySpan<float>(transposedWeight, i * outSize, outSize);
            for (int r = 0; r < n; r++)
            {
                float xi = x[r * inSize + i];
                if (xi != 0)
                    Axpy(xi, w, y.AsSpan(r * outSize, outSize));
            }
        }
        return y;
    }

    /// <summary>y += a·x.</summary>
    private static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && y.Length >= Vector<float>.Count)
        {
            var av = new Vector<float>(a);
            var xv = MemoryMarshal.Cast<float, Vector<float>>(x);
            var yv = MemoryMarshal.Cast<float, Vector<float>>(y);
            for (int v = 0; v < yv.Length; v++)
                yv[v] += av * xv[v];
            j = yv.Length * Vector<float>.Count;
        }
        for (; j < y.Length; j++)
            y[j] += a * x[j];
    }

    private static float[] LayerNorm(float[] x, int n, int width, LayerNormLayer norm)
    {
        var y = new float[x.Length];
        for (int r = 0; r < n; r++)
        {
            int offset = r * width;
            double mean = 0;
            for (int i = 0; i < width; i++)
                mean += x[offset + i];
            mean /= width;
            double variance = 0;
            for (int i = 0; i < width; i++)
            {
                double d = x[offset + i] - mean;
                variance += d * d;
            }
            variance /= width;
            double inv = 1.0 / Math.Sqrt(variance + norm.Epsilon);
            for (int i = 0; i < width; i++)
                y[offset + i] = (float)((x[offset + i] - mean) * inv * norm.Scale[i] + norm.Shift[i]);
        }
        return y;
    }

    private static float[] Activate(float[] x, Activation activation)
    {
        var y = new float[x.Length];
        switch (activation)
        {
            case Activation.Relu:
                for (int i = 0; i < x.Length; i++) y[i] = x[i] > 0 ? x[i] : 0f;
                break;
            case Activation.Gelu:
                for (int i = 0; i < x.Length; i++) y[i] = (float)ActivationMath.Gelu(x[i]);
                break;
            case Activation.Selu:
                for (int i = 0; i < x.Length; i++) y[i] = (float)ActivationMath.Selu(x[i]);
                break;
            default:
                for (int i = 0; i < x.Length; i++) y[i] = (float)ActivationMath.Silu(x[i]);
                break;
        }
        return y;
    }

    /// <summary>Training-mode dropout of one site on activations (Concrete is sampled as Standard at its rate).</summary>
    private static float[] Drop(float[] x, DropoutKind kind, double rate, ref NoiseRandom rng)
    {
        var y = new float[x.Length];
        double keep = 1 - rate;
        switch (kind)
        {
            case DropoutKind.Gaussian:
                // Multiplicative N(1, p/(1−p)) noise.
                double sigma = Math.Sqrt(rate / keep);
                for (int i = 0; i < x.Length; i++)
                    y[i] = (float)(x[i] * (1 + sigma * rng.NextGaussian()));
                break;
            case DropoutKind.Alpha:
                // Dropped units take SELU's saturation α' = −λα, then a·x + b restores mean 0 and variance 1:
                // a = ((1−p)(1 + p·α'²))^−½, b = −a·p·α' (PyTorch's alpha_dropout).
                double saturation = -ActivationMath.AlphaDropoutSaturation;
                double a = 1 / Math.Sqrt(keep * (1 + rate * saturation * saturation));
                double b = -a * rate * saturation;
                for (int i = 0; i < x.Length; i++)
                {
                    double value = rng.NextDouble() < rate ? saturation : x[i];
                    y[i] = (float)(a * value + b);
                }
                break;
            default:
                // Standard (and Concrete): inverted Bernoulli dropout r⊙x/(1−p).
                float scale = (float)(1 / keep);
                for (int i = 0; i < x.Length; i++)
                    y[i] = rng.NextDouble() < rate ? 0f : x[i] * scale;
                break;
        }
        return y;
    }

    /// <summary>
    /// For each <see cref="DropoutKind.DropConnect"/> site with rate &gt; 0, the first <see cref="DenseLayer"/> after it in
    /// evaluation order (entering residual bodies) and the combined drop rate (independent sites compose:
    /// 1 − Π(1 − pᵢ)).
    /// </summary>
    internal static Dictionary<DenseLayer, double> DropConnectTargets(MlpSnapshot snapshot)
    {
        var order = new List<SnapshotLayer>();
        Flatten(snapshot.Layers, order);
        var targets = new Dictionary<DenseLayer, double>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < order.Count; i++)
        {
            if (order[i] is not DropoutLayer { Kind: DropoutKind.DropConnect } site || site.Rate <= 0)
                continue;
            var dense = order.Skip(i + 1).OfType<DenseLayer>().FirstOrDefault()
                ?? throw new InvalidOperationException($"DropConnect site '{site.Name}' has no following DenseLayer whose weights it could mask.");
            targets[dense] = targets.TryGetValue(dense, out double earlier) ? 1 - (1 - earlier) * (1 - site.Rate) : site.Rate;
        }
        return targets;
    }

    private static void Flatten(IReadOnlyList<SnapshotLayer> layers, List<SnapshotLayer> order)
    {
        foreach (var layer in layers)
        {
            order.Add(layer);
            if (layer is ResidualBlock block)
                Flatten(block.Body, order);
        }
    }

    /// <summary>One pass's DropConnect weights: W⊙M/(1−p), M ~ Bernoulli(1−p), one mask per pass shared by all rows; biases untouched.</summary>
    internal static Dictionary<DenseLayer, float[]> MaskWeights(Dictionary<DenseLayer, double> targets, long seed, int pass)
    {
        var masked = new Dictionary<DenseLayer, float[]>(ReferenceEqualityComparer.Instance);
        int site = 0;
        foreach (var (dense, rate) in targets)
        {
            var rng = new NoiseRandom(NoiseRandom.Derive(seed, pass, -1 - site++));
            float scale = (float)(1 / (1 - rate));
            var w = new float[dense.Weight.Length];
            for (int i = 0; i < w.Length; i++)
                w[i] = rng.NextDouble() < rate ? 0f : dense.Weight[i] * scale;
            masked[dense] = w;
        }
        return masked;
    }
}
