using TorchSharp;
using TorchSharp.Modules;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>
/// Max-norm constraint (Srivastava et al. 2014): after each optimizer step, every row of every weight matrix
/// (one unit's incoming weights in TorchSharp's [out, in] layout) is rescaled to an L2 norm ≤ c.
/// Rows already within the bound are unchanged.
/// </summary>
public static class MaxNormConstraint
{
    /// <summary>Rescales in place the rows of each parameter with ≥ 2 dimensions (others are skipped).</summary>
    /// <param name="weights">Weight matrices, typically <see cref="ParameterGroups.Decayed"/>.</param>
    /// <param name="maxNorm">The bound c &gt; 0 (3–4 is typical).</param>
    public static void Apply(IEnumerable<Parameter> weights, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(weights);
        OptionGuard.Positive(maxNorm, "MaxNorm");
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
