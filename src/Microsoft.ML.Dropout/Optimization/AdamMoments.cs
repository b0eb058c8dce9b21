using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>The moment update and the parameter step Adam and AdamW share, in TorchSharp's op order, with kept-alive scalars.</summary>
internal static class AdamMoments
{
    /// <summary>m ← β₁·m + (1 − β₁)·g; v ← β₂·v + (1 − β₂)·g·ḡ (ḡ = conj(g) for Adam, g for AdamW, as TorchSharp writes them).</summary>
    internal static void Update(Tensor expAvg, Tensor expAvgSq, Tensor grad, double beta1, double beta2, bool conjugate)
    {
        ScalarLifetime.With(beta1, b1 => ScalarLifetime.With(1 - beta1, a => expAvg.mul_(b1).add_(grad, a)));
        ScalarLifetime.With(beta2, b2 => ScalarLifetime.With(1 - beta2, a =>
        {
            if (conjugate)
            {
                using var conj = grad.conj();
                expAvgSq.mul_(b2).addcmul_(grad, conj, a);
            }
            else
            {
                expAvgSq.mul_(b2).addcmul_(grad, grad, a);
            }
        }));
    }

    /// <summary>w ← w − (η / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε).</summary>
    internal static void Step(Tensor param, Tensor expAvg, Tensor expAvgSq, double biasCorrection1, double biasCorrection2, double lr, double eps)
    {
        using var root = expAvgSq.sqrt();
        Tensor? denom = null;
        try
        {
            ScalarLifetime.With(Math.Sqrt(biasCorrection2), s => denom = root.div(s));
            ScalarLifetime.With(eps, e => ScalarLifetime.WithOne(one => denom!.add_(e, one)));
            ScalarLifetime.With(-(lr / biasCorrection1), v => param.addcdiv_(expAvg, denom!, v));
        }
        finally
        {
            denom?.Dispose();
        }
    }
}
