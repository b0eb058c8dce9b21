using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.ML.Dropout.Snapshots;

namespace Microsoft.ML.Dropout.Inference;

/// <summary>
/// The forward pass of one block of rows through the snapshot's layers: float storage, float dot products (as ONNX
/// Runtime's Gemm), double precision for activations and LayerNorm statistics. With noise, every dropout site on
/// activations samples a training-mode mask from the block's stream (MC dropout); without, sites are the identity.
/// </summary>
internal sealed class BlockForward : SnapshotWalker<float[]>
{
    private readonly int _rows;
    private readonly Dictionary<DenseLayer, float[]> _transposed;
    private readonly bool _sampleDropout;
    private NoiseRandom _rng;
    private int _width;

    /// <param name="rows">Rows in the block.</param>
    /// <param name="inputWidth">Values per input row.</param>
    /// <param name="transposed">Wᵀ of every dense layer (the pass's masked weights for DropConnect).</param>
    /// <param name="sampleDropout">Sample masks at the activation dropout sites (MC dropout).</param>
    /// <param name="rng">The block's random stream; unused without <paramref name="sampleDropout"/>.</param>
    internal BlockForward(int rows, int inputWidth, Dictionary<DenseLayer, float[]> transposed, bool sampleDropout, NoiseRandom rng)
    {
        _rows = rows;
        _width = inputWidth;
        _transposed = transposed;
        _sampleDropout = sampleDropout;
        _rng = rng;
    }

    protected override float[] VisitDense(DenseLayer dense, float[] x)
    {
        _width = dense.OutputSize;
        return Gemm(x, _rows, dense.InputSize, dense.OutputSize, _transposed[dense], dense.Bias);
    }

    protected override float[] VisitLayerNorm(LayerNormLayer norm, float[] x) => Normalize(x, _rows, _width, norm);

    protected override float[] VisitActivation(ActivationLayer activation, float[] x) => Activate(x, activation.Activation);

    protected override float[] VisitDropout(DropoutLayer dropout, float[] x) =>
        _sampleDropout && dropout.Rate > 0 && dropout.Kind != DropoutKind.DropConnect
            ? Drop(x, dropout.Kind, dropout.Rate, ref _rng)
            : x;

    protected override float[] VisitTabular(SnapshotLayer layer, float[] x)
    {
        _width = ((Snapshots.Tabular.ITabularSnapshotLayer)layer).OutputWidth;
        return Tabular.TabularLayerForward.Run(layer, x, _rows);
    }

    protected override float[] VisitResidual(ResidualBlock block, float[] x)
    {
        float[] body = Walk(block.Body, x);
        var sum = new float[x.Length];
        for (int i = 0; i < sum.Length; i++)
            sum[i] = x[i] + body[i];
        return sum;
    }

    /// <summary>
    /// y = x·Wᵀ + b for a block of rows, as axpy updates y[r, :] += x[r, i]·Wᵀ[i, :] vectorized over the outputs
    /// (row i of Wᵀ is reused across the block); exact zeros in x (ReLU, dropped units) are skipped.
    /// </summary>
    private static float[] Gemm(float[] x, int n, int inSize, int outSize, float[] transposedWeight, float[] bias)
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

    private static float[] Normalize(float[] x, int n, int width, LayerNormLayer norm)
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
        switch (kind)
        {
            case DropoutKind.Gaussian:
                // Multiplicative N(1, p/(1−p)) noise.
                double sigma = DropoutMath.GaussianStd(rate);
                for (int i = 0; i < x.Length; i++)
                    y[i] = (float)(x[i] * (1 + sigma * rng.NextGaussian()));
                break;
            case DropoutKind.Alpha:
                // Dropped units take SELU's saturation α' = −λα, then a·x + b restores mean 0 and variance 1.
                double saturation = DropoutMath.AlphaSaturation;
                double a = DropoutMath.AlphaScale(rate), b = DropoutMath.AlphaShift(rate);
                for (int i = 0; i < x.Length; i++)
                {
                    double value = rng.NextDouble() < rate ? saturation : x[i];
                    y[i] = (float)(a * value + b);
                }
                break;
            default:
                // Standard (and Concrete): inverted Bernoulli dropout r⊙x/(1−p).
                float scale = (float)DropoutMath.InvertedScale(rate);
                for (int i = 0; i < x.Length; i++)
                    y[i] = rng.NextDouble() < rate ? 0f : x[i] * scale;
                break;
        }
        return y;
    }
}
