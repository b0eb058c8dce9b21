using TorchSharp;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>
/// Why the optimizers here exist. TorchSharp 0.107 turns a <c>double</c> passed to a tensor op into a
/// <see cref="Scalar"/> that only its finalizer frees, and passes the scalar's raw pointer to libtorch. Once the
/// pointer is read the managed object is unreachable, so a garbage collection triggered by another thread while the
/// native op runs can free the scalar before libtorch reads it: Fit then dies with "Expected false to be true …
/// Scalar.h (toFloat)" inside <c>add_</c> — seen about once in 80 suite trainings and in streamed training under GC
/// pressure. The optimizer step makes most of these temporaries (eight per parameter per step), so it creates its
/// scalars explicitly and keeps each alive until the op that reads it has returned.
/// </summary>
internal static class ScalarLifetime
{
    /// <summary>Runs <paramref name="op"/> with a scalar that lives until the op has returned, then frees it.</summary>
    internal static void With(double value, Action<Scalar> op)
    {
        var scalar = value.ToScalar();
        try { op(scalar); }
        finally { scalar.Dispose(); }
    }

    /// <summary>The integer scalar 1 that TorchSharp's <c>add_(Scalar)</c> uses as alpha, kept alive for the op.</summary>
    internal static void WithOne(Action<Scalar> op)
    {
        var one = 1.ToScalar();
        try { op(one); }
        finally { one.Dispose(); }
    }
}
