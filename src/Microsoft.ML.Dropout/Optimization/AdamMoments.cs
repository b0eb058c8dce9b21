using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>
/// The Adam/AdamW update in TorchSharp's op order, with every scalar argument kept alive until its op returns.
/// Why: TorchSharp 0.107 turns a <c>double</c> passed to a tensor op into a <see cref="Scalar"/> that only its
/// finalizer frees, and hands libtorch the scalar's raw pointer. Once the pointer is read the managed object is
/// unreachable, so a garbage collection triggered by another thread while the native op runs can free the scalar
/// before libtorch reads it: Fit then dies with "Expected false to be true … Scalar.h (toFloat)" inside <c>add_</c>
/// (seen once in about 80 suite trainings, and in streamed training under GC pressure). The optimizer step made most
/// of these temporaries (eight per parameter per step); here each is a <c>using</c> local, disposed after its op.
/// </summary>
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
    /// (coupled L2), exactly as TorchSharp's two optimizers do; then m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², w ← w − (η / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε).
    /// </summary>
    internal static void StepParameter(Tensor param, Tensor expAvg, Tensor expAvgSq, long step, AdamSettings s, bool decoupledDecay)
    {
        var grad = param.grad!;
        if (decoupledDecay)
        {
            using var shrink = (1 - s.LearningRate * s.WeightDecay).ToScalar();
            param.mul_(shrink);
        }
        double biasCorrection1 = 1 - Math.Pow(s.Beta1, step), biasCorrection2 = 1 - Math.Pow(s.Beta2, step);
        using var decayed = !decoupledDecay && s.WeightDecay != 0 ? AddDecay(grad, param, s.WeightDecay) : null;
        var g = decayed ?? grad;

        using var beta1 = s.Beta1.ToScalar();
        using var oneMinusBeta1 = (1 - s.Beta1).ToScalar();
        expAvg.mul_(beta1).add_(g, oneMinusBeta1);
        using var beta2 = s.Beta2.ToScalar();
        using var oneMinusBeta2 = (1 - s.Beta2).ToScalar();
        expAvgSq.mul_(beta2).addcmul_(g, g, oneMinusBeta2); // TorchSharp's Adam writes conj(g): the same for real weights

        using var root = expAvgSq.sqrt();
        using var correction2 = Math.Sqrt(biasCorrection2).ToScalar();
        using var denom = root.div(correction2);
        using var eps = s.Eps.ToScalar();
        using var one = 1.ToScalar(); // TorchSharp's add_(Scalar) passes alpha = 1 (an int scalar)
        denom.add_(eps, one);
        using var stepSize = (-(s.LearningRate / biasCorrection1)).ToScalar();
        param.addcdiv_(expAvg, denom, stepSize);
    }

    private static Tensor AddDecay(Tensor grad, Tensor param, double weightDecay)
    {
        using var alpha = weightDecay.ToScalar();
        return grad.add(param, alpha);
    }
}
