using Microsoft.ML.Dropout.Optimization;
using TorchSharp.Modules;

namespace Microsoft.ML.Dropout.Training.LossTerms;

/// <summary>The <c>L1</c> option as a loss term: λ₁·Σ|w| over the decayed weight matrices (<see cref="L1Penalty"/>).</summary>
internal sealed class L1LossTerm : ILossTerm
{
    private readonly Parameter[] _weights;
    private readonly double _lambda;

    internal L1LossTerm(IEnumerable<Parameter> weights, double lambda)
    {
        _weights = weights.ToArray();
        _lambda = lambda;
    }

    public TorchSharp.torch.Tensor Compute() => L1Penalty.Compute(_weights, _lambda);
}
