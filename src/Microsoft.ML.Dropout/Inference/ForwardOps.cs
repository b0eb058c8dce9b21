using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.ML.Dropout.Snapshots;

namespace Microsoft.ML.Dropout.Inference;

/// <summary>
/// The evaluation-mode kernels of the managed forward pass, writing into buffers the caller owns: float dot products
/// (as ONNX Runtime's Gemm), double precision for activations and LayerNorm statistics. <see cref="BlockForward"/>
/// (blocks of rows) and <see cref="SnapshotRowEvaluator"/> (one row into reused buffers) share them.
/// </summary>
internal static class ForwardOps
{
    /// <summary>
    /// y = x·Wᵀ + b for <paramref name="n"/> rows, as axpy updates y[r, :] += x[r, i]·Wᵀ[i, :] vectorized over the
    /// outputs (row i of Wᵀ is reused across the rows); exact zeros in x (ReLU, dropped units) are skipped.
    /// </summary>
    internal static void Dense(ReadOnlySpan<float> x, int n, int inSize, int outSize, float[] transposedWeight, float[] bias, Span<float> y)
    {
        for (int r = 0; r < n; r++)
            bias.AsSpan().CopyTo(y.Slice(r * outSize, outSize));
        for (int i = 0; i < inSize; i++)
        {
            var w = new ReadOnlySpan<float>(transposedWeight, i * outSize, outSize);
            for (int r = 0; r < n; r++)
            {
                float xi = x[r * inSize + i];
                if (xi != 0)
                    Axpy(xi, w, y.Slice(r * outSize, outSize));
            }
        }
    }

    /// <summary>Wᵀ ([InputSize, OutputSize], row-major) of <paramref name="weight"/> ([OutputSize, InputSize]).</summary>
    internal static float[] Transpose(float[] weight, int inSize, int outSize)
    {
        var t = new float[weight.Length];
        for (int o = 0; o < outSize; o++)
            for (int i = 0; i < inSize; i++)
                t[i * outSize + o] = weight[o * inSize + i];
        return t;
    }

    /// <summary>LayerNorm over each row of <paramref name="width"/> values, statistics in double.</summary>
    internal static void LayerNorm(ReadOnlySpan<float> x, int n, int width, LayerNormLayer norm, Span<float> y)
    {
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
    }

    /// <summary>
    /// y = activation(x) element-wise, in double; with <paramref name="floatPrecisionGelu"/>, GELU uses
    /// <see cref="ActivationMath.GeluFloatPrecision"/> (one exp instead of a series of up to 40 terms).
    /// </summary>
    internal static void Activate(ReadOnlySpan<float> x, Activation activation, Span<float> y, bool floatPrecisionGelu = false)
    {
        switch (activation)
        {
            case Activation.Relu:
                for (int i = 0; i < x.Length; i++) y[i] = x[i] > 0 ? x[i] : 0f;
                break;
            case Activation.Gelu when floatPrecisionGelu:
                for (int i = 0; i < x.Length; i++) y[i] = (float)ActivationMath.GeluFloatPrecision(x[i]);
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
    }

    /// <summary>y = a + b element-wise (a residual connection).</summary>
    internal static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
            y[i] = a[i] + b[i];
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
}
