using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.Dropout.Snapshots;

namespace Microsoft.ML.Dropout.Inference;

/// <summary>
/// The evaluation-mode kernels of the managed forward pass, writing into buffers the caller owns: float dot products
/// (as ONNX Runtime's Gemm), double precision for activations and LayerNorm statistics. <see cref="BlockForward"/>
/// (blocks of rows) and <see cref="SnapshotRowEvaluator"/> (one row into reused buffers) share them. The kernels are
/// compiled fully optimized on first use (no tiered-JIT warm-up, which on a busy machine can take seconds).
/// </summary>
internal static class ForwardOps
{
    /// <summary>
    /// y = x·Wᵀ + b for <paramref name="n"/> rows, as axpy updates y[r, :] += x[r, i]·Wᵀ[i, :] vectorized over the
    /// outputs (row i of Wᵀ is reused across the rows); exact zeros in x (ReLU, dropped units) are skipped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// y = W·x + b for one row as one vectorized dot product per output over W's rows ([OutputSize, InputSize],
    /// untransposed): x stays in cache and each weight is loaded once, about twice as fast as the axpy form for a
    /// single row (the summation order differs, so values agree with <see cref="Dense"/> to float rounding).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DenseOneRow(ReadOnlySpan<float> x, int inSize, int outSize, float[] weight, float[] bias, Span<float> y)
    {
        for (int o = 0; o < outSize; o++)
        {
            var w = new ReadOnlySpan<float>(weight, o * inSize, inSize);
            int i = 0;
            float sum = 0;
            if (Vector.IsHardwareAccelerated && inSize >= Vector<float>.Count)
            {
                var acc = Vector<float>.Zero;
                for (; i <= inSize - Vector<float>.Count; i += Vector<float>.Count)
                    acc += new Vector<float>(w[i..]) * new Vector<float>(x[i..]);
                sum = Vector.Sum(acc);
            }
            for (; i < inSize; i++)
                sum += w[i] * x[i];
            y[o] = sum + bias[o];
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

    /// <summary>LayerNorm over each row of <paramref name="width"/> values, statistics and affine map in double, vectorized.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void LayerNorm(ReadOnlySpan<float> x, int n, int width, LayerNormLayer norm, Span<float> y)
    {
        for (int r = 0; r < n; r++)
        {
            var row = x.Slice(r * width, width);
            double mean = Sum(row, 0, squared: false) / width;
            double variance = Sum(row, mean, squared: true) / width;
            double inv = 1.0 / Math.Sqrt(variance + norm.Epsilon);
            Normalize(row, mean, inv, norm.Scale, norm.Shift, y.Slice(r * width, width));
        }
    }

    /// <summary>Σ(xᵢ − center) or Σ(xᵢ − center)² in double.</summary>
    private static double Sum(ReadOnlySpan<float> x, double center, bool squared)
    {
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            var c = new Vector<double>(center);
            var acc = Vector<double>.Zero;
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(x[i..]), out var low, out var high);
                low -= c;
                high -= c;
                acc += squared ? low * low + high * high : low + high;
            }
            sum = Vector.Sum(acc);
        }
        for (; i < x.Length; i++)
        {
            double d = x[i] - center;
            sum += squared ? d * d : d;
        }
        return sum;
    }

    /// <summary>y = (x − mean)·inv·scale + shift, in double.</summary>
    private static void Normalize(ReadOnlySpan<float> x, double mean, double inv, float[] scale, float[] shift, Span<float> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var m = new Vector<double>(mean);
            var s = new Vector<double>(inv);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(x[i..]), out var xl, out var xh);
                Vector.Widen(new Vector<float>(scale.AsSpan(i)), out var gl, out var gh);
                Vector.Widen(new Vector<float>(shift.AsSpan(i)), out var bl, out var bh);
                Vector.Narrow((xl - m) * s * gl + bl, (xh - m) * s * gh + bh).CopyTo(y[i..]);
            }
        }
        for (; i < x.Length; i++)
            y[i] = (float)((x[i] - mean) * inv * scale[i] + shift[i]);
    }

    /// <summary>
    /// y = activation(x) element-wise, in double; with <paramref name="floatPrecisionGelu"/>, GELU uses
    /// <see cref="ActivationMath.GeluFloatPrecision(Vector{float})"/> (one float exp instead of a series of up to 40
    /// terms in double).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Activate(ReadOnlySpan<float> x, Activation activation, Span<float> y, bool floatPrecisionGelu = false)
    {
        switch (activation)
        {
            case Activation.Relu:
                Relu(x, y);
                break;
            case Activation.Gelu when floatPrecisionGelu:
                GeluFloatPrecision(x, y);
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

    /// <summary>
    /// y = x &lt; 0 ? 0 : x, so NaN stays NaN as in PyTorch's and ONNX Runtime's Relu, as a vector select: a branch
    /// per value mispredicts on about half of a layer's values and cost more than a dense layer's arithmetic on one row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Relu(ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(x[i..]);
                Vector.ConditionalSelect(Vector.LessThan(v, Vector<float>.Zero), Vector<float>.Zero, v).CopyTo(y[i..]);
            }
        for (; i < x.Length; i++)
            y[i] = x[i] < 0 ? 0f : x[i];
    }

    /// <summary>GELU at float precision, <see cref="Vector{T}.Count"/> floats at a time (computed in float), the tail scalar (in double).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GeluFloatPrecision(ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
                ActivationMath.GeluFloatPrecision(new Vector<float>(x[i..])).CopyTo(y[i..]);
        for (; i < x.Length; i++)
            y[i] = (float)ActivationMath.GeluFloatPrecision(x[i]);
    }

    /// <summary>y = a + b element-wise (a residual connection).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
            y[i] = a[i] + b[i];
    }

    /// <summary>y += a·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
