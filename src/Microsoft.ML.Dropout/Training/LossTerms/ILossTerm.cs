using TorchSharp;

namespace Microsoft.ML.Dropout.Training.LossTerms;

/// <summary>A penalty the training objective adds to the task loss of every minibatch (after the forward pass).</summary>
internal interface ILossTerm
{
    /// <summary>The differentiable scalar penalty for the current parameters (created in the batch's dispose scope).</summary>
    torch.Tensor Compute();
}
