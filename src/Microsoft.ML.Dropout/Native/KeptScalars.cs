using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Native;

/// <summary>
/// Tensor ops whose scalar arguments stay alive until libtorch returns. TorchSharp 0.107 turns a number passed where
/// a <see cref="Scalar"/> is expected — including the implicit alpha = 1 of <c>a + b</c> (not of <c>a - b</c>: that overload takes none) — into a
/// Scalar that only its finalizer frees, and hands libtorch its raw pointer: a garbage collection on another thread
/// during the native op can free it first. Seen once in about 100 suite trainings as "For integral input tensors,
/// argument alpha must not be a floating point number" from <c>THSTensor_add</c> in the quantile preprocessing of a
/// whole training set; the optimizer step (<c>AdamMoments</c>) keeps its scalars the same way.
/// Each helper gives the same values as the operator it replaces (every seeded weights hash is unchanged). The race did
/// not reproduce on demand (200,000 integer sums beside a thread that collects and makes float scalars), so no test
/// fails without these helpers; they follow TorchSharp's code (<c>add(Tensor target) => add(target, 1)</c>).
/// </summary>
internal static class KeptScalars
{
    /// <summary>a + b (alpha 1).</summary>
    internal static Tensor Add(Tensor a, Tensor b)
    {
        using Scalar one = 1;
        return a.add(b, one);
    }

    /// <summary>a + value (alpha 1).</summary>
    internal static Tensor Add(Tensor a, double value)
    {
        using Scalar s = value, one = 1;
        return a.add(s, one);
    }

    /// <summary>a − value for an integer tensor.</summary>
    internal static Tensor Sub(Tensor a, long value)
    {
        using Scalar s = value;
        return a.sub(s);
    }

    /// <summary>a · value.</summary>
    internal static Tensor Mul(Tensor a, double value)
    {
        using Scalar s = value;
        return a.mul(s);
    }

    /// <summary>a / value.</summary>
    internal static Tensor Div(Tensor a, double value)
    {
        using Scalar s = value;
        return a.div(s);
    }

    /// <summary>a clamped to [min, max] (integer bounds).</summary>
    internal static Tensor Clamp(Tensor a, long min, long max)
    {
        using Scalar lo = min, hi = max;
        return a.clamp(lo, hi);
    }

    /// <summary>a clamped below at min.</summary>
    internal static Tensor ClampMin(Tensor a, double min)
    {
        using Scalar lo = min;
        return a.clamp_min(lo);
    }

    /// <summary>input + value · t1 · t2.</summary>
    internal static Tensor AddCMul(Tensor input, Tensor t1, Tensor t2, double value)
    {
        using Scalar s = value;
        return addcmul(input, t1, t2, s);
    }

    /// <summary>a &gt; value (element-wise, Boolean).</summary>
    internal static Tensor Gt(Tensor a, double value)
    {
        using Scalar s = value;
        return a.gt(s);
    }

    /// <summary>a += value, in place (alpha 1).</summary>
    internal static Tensor AddInPlace(Tensor a, double value)
    {
        using Scalar s = value, one = 1;
        return a.add_(s, one);
    }

    /// <summary>a ·= value, in place.</summary>
    internal static Tensor MulInPlace(Tensor a, double value)
    {
        using Scalar s = value;
        return a.mul_(s);
    }

    /// <summary>a /= value, in place.</summary>
    internal static Tensor DivInPlace(Tensor a, double value)
    {
        using Scalar s = value;
        return a.div_(s);
    }

    /// <summary>a set in place to 1 where a &lt; value and 0 elsewhere (same dtype).</summary>
    internal static Tensor LtInPlace(Tensor a, double value)
    {
        using Scalar s = value;
        return a.lt_(s);
    }

    /// <summary>a clamped above at max.</summary>
    internal static Tensor ClampMax(Tensor a, double max)
    {
        using Scalar hi = max;
        return a.clamp_max(hi);
    }

    /// <summary>a raised to an integer <paramref name="exponent"/>, element-wise.</summary>
    internal static Tensor Pow(Tensor a, long exponent)
    {
        using Scalar e = exponent;
        return a.pow(e);
    }
}
