using TorchSharp;
using TorchSharp.Modules;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>L1 penalty λ₁·Σ|w| over the given weights, added to the loss (a constant pull towards 0: sparse weights).</summary>
public static class L1Penalty
{
    /// <summary>Returns the scalar penalty (differentiable), or a 0 scalar when <paramref name="lambda"/> is 0 or there are no weights.</summary>
    /// <param name="weights">Weights to penalize, typically <see cref="ParameterGroups.Decayed"/>.</param>
    /// <param name="lambda">λ₁ ≥ 0.</param>
    public static torch.Tensor Compute(IEnumerable<Parameter> weights, double lambda)
    {
        ArgumentNullException.ThrowIfNull(weights);
        OptionGuard.NonNegative(lambda, "L1");
        torch.Tensor? total = null;
        if (lambda > 0)
        {
            foreach (var w in weights)
            {
                var s = w.abs().sum();
                total = total is null ? s : total + s;
            }
        }
        return total is null ? torch.zeros(Array.Empty<long>()) : total * lambda;
    }
}
