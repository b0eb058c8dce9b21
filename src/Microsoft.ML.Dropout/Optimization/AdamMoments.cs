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
/// of these temporaries (eight per parameter per step); here they are made once per group and step (the same
/// values for every parameter) and disposed after the group's update.
/// </summary>
internal static class AdamMoments
{
    /// <summary>
    /// One optimizer step for every parameter of a group that has a gradient. The scalars that are the same for the
    /// whole group (β₁, 1 − β₁, β₂, 1 − β₂, ε, 1, the decoupled shrink) are made once per call instead of once per
    /// parameter, and the step-dependent ones once per distinct step count: the same values, so the same update.
    /// </summary>
    internal static void StepGroup(IEnumerable<TorchSharp.Modules.Parameter> parameters, AdamSettings settings, bool decoupledDecay,
        Func<TorchSharp.Modules.Parameter, (Tensor ExpAvg, Tensor ExpAvgSq, long Step)> advance)
    {
        using var scalars = new GroupScalars(settings, decoupledDecay);
        foreach (var param in parameters)
        {
            using var grad = param.grad;
            if (grad is null) continue;
            var (expAvg, expAvgSq, step) = advance(param);
            StepParameter(param, grad, expAvg, expAvgSq, step, scalars);
        }
    }

    /// <summary>
    /// One optimizer step for a whole group laid out contiguously (<see cref="ContiguousParameters"/>): the same
    /// element-wise update as <see cref="StepGroup"/>, every stage one operation over the group's slices of the
    /// parameter, gradient and moment buffers.
    /// </summary>
    internal static void StepContiguous(Tensor values, Tensor gradients, Tensor expAvg, Tensor expAvgSq, long step, AdamSettings settings, bool decoupledDecay)
    {
        using var scalars = new GroupScalars(settings, decoupledDecay);
        StepParameter(values, gradients, expAvg, expAvgSq, step, scalars);
    }

    /// <summary>The update of one parameter (TorchSharp's op order) with the group's scalars.</summary>
    private static void StepParameter(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, long step, GroupScalars s)
    {
        if (s.Shrink is { } shrink)
            param.mul_(shrink);
        var (correction2, stepSize) = s.ForStep(step);
        using var decayed = s.L2 is { } l2 ? grad.add(param, l2) : null;
        var g = decayed ?? grad;

        expAvg.mul_(s.Beta1).add_(g, s.OneMinusBeta1);
        expAvgSq.mul_(s.Beta2).addcmul_(g, g, s.OneMinusBeta2); // TorchSharp's Adam writes conj(g): the same for real weights

        using var denom = expAvgSq.sqrt(); // then divided in place: TorchSharp's sqrt().div() without the second tensor
        denom.div_(correction2).add_(s.Eps, s.One);
        param.addcdiv_(expAvg, denom, stepSize);
    }

    /// <summary>A group's scalars for one step, kept alive (and then freed) by <see cref="StepGroup"/>.</summary>
    private sealed class GroupScalars : IDisposable
    {
        private readonly AdamSettings _settings;
        private readonly List<Scalar> _owned = new();
        private long _step = -1;
        private Scalar? _correction2, _stepSize;

        internal GroupScalars(AdamSettings s, bool decoupledDecay)
        {
            _settings = s;
            Shrink = decoupledDecay ? Own(1 - s.LearningRate * s.WeightDecay) : null;
            L2 = !decoupledDecay && s.WeightDecay != 0 ? Own(s.WeightDecay) : null;
            Beta1 = Own(s.Beta1);
            OneMinusBeta1 = Own(1 - s.Beta1);
            Beta2 = Own(s.Beta2);
            OneMinusBeta2 = Own(1 - s.Beta2);
            Eps = Own(s.Eps);
            One = Own(1); // TorchSharp's add_(Scalar) passes alpha = 1 (an int scalar)
        }

        /// <summary>AdamW: 1 − lr·λ, the decoupled decay applied to the weights first; null for Adam.</summary>
        internal Scalar? Shrink { get; }
        /// <summary>Adam: λ, the L2 term added to the gradient; null for AdamW or λ = 0.</summary>
        internal Scalar? L2 { get; }
        internal Scalar Beta1 { get; }
        internal Scalar OneMinusBeta1 { get; }
        internal Scalar Beta2 { get; }
        internal Scalar OneMinusBeta2 { get; }
        internal Scalar Eps { get; }
        internal Scalar One { get; }

        /// <summary>√(1 − β₂^step) and −lr / (1 − β₁^step) for a parameter at <paramref name="step"/> (made again only when the step differs from the previous parameter's).</summary>
        internal (Scalar Correction2, Scalar StepSize) ForStep(long step)
        {
            if (step != _step)
            {
                _step = step;
                double biasCorrection1 = 1 - Math.Pow(_settings.Beta1, step), biasCorrection2 = 1 - Math.Pow(_settings.Beta2, step);
                _correction2 = Own(Math.Sqrt(biasCorrection2));
                _stepSize = Own(-(_settings.LearningRate / biasCorrection1));
            }
            return (_correction2!, _stepSize!);
        }

        private Scalar Own(double value)
        {
            var scalar = value.ToScalar();
            _owned.Add(scalar);
            return scalar;
        }

        private Scalar Own(int value)
        {
            var scalar = value.ToScalar();
            _owned.Add(scalar);
            return scalar;
        }

        public void Dispose()
        {
            foreach (var scalar in _owned) scalar.Dispose();
        }
    }
}
