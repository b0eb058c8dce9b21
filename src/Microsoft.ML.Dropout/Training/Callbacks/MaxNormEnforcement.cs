using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks;
using TorchSharp;
using TorchSharp.Modules;

namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>
/// Max-norm constraint (Srivastava et al. 2014): after every optimizer step, each unit's incoming weight vector is
/// rescaled to an L2 norm ≤ <see cref="MaxNorm"/>; vectors already within the bound are unchanged. Which weights:
/// <see cref="MaxNormWeights"/> — the rows of every Linear layer's [out, in] weight, with EnsembleSize &gt; 1 the rows
/// of the shared weights and each member's own output-head units; never TabM's adapters, biases, norms or the
/// tabular front. The trainer adds one when <c>MaxNorm</c> is set.
/// </summary>
public sealed class MaxNormEnforcement : ITrainingCallback
{
    private IReadOnlyList<Parameter>? _weights;

    /// <summary>Creates the callback.</summary>
    /// <param name="maxNorm">The bound c &gt; 0 (3–4 is typical).</param>
    public MaxNormEnforcement(double maxNorm) => MaxNorm = OptionGuard.Positive(maxNorm, "MaxNorm");

    /// <summary>The bound on each unit's incoming weight norm.</summary>
    public double MaxNorm { get; }

    /// <summary>Run order among callbacks. Default 0.</summary>
    public int Order { get; init; }

    /// <summary>Finds the bounded weights of this run's network (<see cref="MaxNormWeights.Of"/>).</summary>
    public void OnTrainBegin(TrainingContext context) => _weights = MaxNormWeights.Of(context.Model);

    /// <summary>Rescales the bounded weights in place.</summary>
    public void OnAfterStep(TrainingContext context) => RescaleRows(_weights ??= MaxNormWeights.Of(context.Model), MaxNorm);

    /// <summary>
    /// Rescales in place each unit's incoming weights — the vectors along axis 1, i.e. the rows of [out, in] and
    /// the columns [i, :, o] of [k, in, out] — to an L2 norm ≤ <paramref name="maxNorm"/>; parameters with fewer than
    /// two dimensions are skipped.
    /// </summary>
    internal static void RescaleRows(IEnumerable<Parameter> weights, double maxNorm)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach (var w in weights)
        {
            if (w.dim() < 2)
                continue;
            var norms = w.norm(1, keepdim: true, p: 2);
            // maxNorm / n is TorchSharp's reciprocal().mul(maxNorm); the scalars through KeptScalars.
            w.mul_(KeptScalars.ClampMax(KeptScalars.Mul(KeptScalars.ClampMin(norms, 1e-12).reciprocal(), maxNorm), 1.0));
        }
    }
}
