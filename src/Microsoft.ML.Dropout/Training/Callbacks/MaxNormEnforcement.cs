using TorchSharp;
using TorchSharp.Modules;

namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>
/// Max-norm constraint (Srivastava et al. 2014): after every optimizer step, each row of each weight matrix (one
/// unit's incoming weights in TorchSharp's [out, in] layout) is rescaled to an L2 norm ≤ <see cref="MaxNorm"/>; rows
/// already within the bound are unchanged. The trainer adds one when <c>MaxNorm</c> is set.
/// </summary>
public sealed class MaxNormEnforcement : ITrainingCallback
{
    /// <summary>Creates the callback.</summary>
    /// <param name="maxNorm">The bound c &gt; 0 (3–4 is typical).</param>
    public MaxNormEnforcement(double maxNorm) => MaxNorm = OptionGuard.Positive(maxNorm, "MaxNorm");

    /// <summary>The bound on each unit's incoming weight norm.</summary>
    public double MaxNorm { get; }

    /// <summary>Run order among callbacks. Default 0.</summary>
    public int Order { get; init; }

    /// <summary>Rescales the rows of the decayed weight matrices (<see cref="Optimization.ParameterGroups.Decayed"/>) in place.</summary>
    public void OnAfterStep(TrainingContext context) => RescaleRows(context.Parameters.Decayed.Select(p => p.Parameter), MaxNorm);

    /// <summary>Rescales in place the rows of each parameter with ≥ 2 dimensions (others are skipped) to an L2 norm ≤ <paramref name="maxNorm"/>.</summary>
    internal static void RescaleRows(IEnumerable<Parameter> weights, double maxNorm)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach (var w in weights)
        {
            if (w.dim() < 2)
                continue;
            var norms = w.flatten(1).norm(1, keepdim: true, p: 2);
            var factor = (maxNorm / norms.clamp_min(1e-12)).clamp_max(1.0);
            var shape = new long[w.dim()];
            Array.Fill(shape, 1L);
            shape[0] = w.shape[0];
            w.mul_(factor.view(shape));
        }
    }
}
