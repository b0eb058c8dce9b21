using TorchSharp;

namespace Microsoft.ML.Dropout.Training.LossTerms;

/// <summary>Concrete dropout's regularizer (weight term and the entropy of the learned rates, scaled by 1/N) as a loss term.</summary>
internal sealed class ConcreteDropoutLossTerm : ILossTerm
{
    private readonly ITrainableNetwork _network;

    internal ConcreteDropoutLossTerm(ITrainableNetwork network) => _network = network;

    public torch.Tensor Compute() => _network.ConcreteDropoutRegularization();
}
