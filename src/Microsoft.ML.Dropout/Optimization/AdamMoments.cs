using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>The moment update and the parameter step Adam and AdamW share, in TorchSharp's op order, with kept-alive scalars.</summary>
internal static class AdamMoments
{
    /// <summary>Steps every parameter of a group that has a gradient; <paramref name="advance"/> increments its step count and returns its state.</summary>
    internal static void StepGroup(IEnumerable<TorchSharp.Modules.Parameter> parameters, AdamSettings settings, bool decoupledDecay,
        Func<TorchSharp.Modules.Parameter, (Tensor ExpAvg, Tensor ExpAvgSq, long Step)> advance)
    {
        foreach (var param in parameters)
        {
            if (param.grad is null) continue;
            var (expAvg, expAvgSq, step) = advance(param);
            StepParameter(param, expAvg, expAvgSq, step, settings, decoupledDecay);
        }
    }

    /// <summary>
    /// One parameter's step t: AdamW first shrinks w by (1 − η·λ) (decoupled decay); Adam adds λ·w to the gradient
    /// (coupled L2) and uses conj(g) in the second moment, exactly as TorchSharp's two optimizers do.
    /// </summary>
    internal static void StepParameter(Tensor param, Tensor expAvg, Tensor expAvgSq, long step, AdamSettings s, bool decoupledDecay)
    {
        var grad = param.grad!;
        Tensor? decayed = null;
        try
        {
            if (decoupledDecay)
                ScalarLifetime.With(1 - s.LearningRate * s.WeightDecay, f => param.mul_(f));
            double biasCorrection1 = 1 - Math.Pow(s.Beta1, step), biasCorrection2 = 1 - Math.Pow(s.Beta2, step);
            if (!decoupledDecay && s.WeightDecay != 0)
                ScalarLifetime.With(s.WeightDecay, a => decayed = grad.add(param, a));
            Update(expAvg, expAvgSq, decayed ?? grad, s.Beta1, s.Beta2, conjugate: !decoupledDecay);
            Step(param, expAvg, expAvgSq, biasCorrection1, biasCorrection2, s.LearningRate, s.Eps);
        }
        finally
        {
            decayed?.Dispose();
        }
    }

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
