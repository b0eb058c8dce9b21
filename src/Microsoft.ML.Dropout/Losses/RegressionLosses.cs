using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Losses;

/// <summary>MSE and Huber losses for regression (on standardized targets in the trainer), with optional example weights (weighted mean).</summary>
public static class RegressionLosses
{
    /// <summary>Per-example losses, shape [N]: (p−y)² for MSE; ½d² if |d| ≤ δ else δ(|d| − ½δ) for Huber.</summary>
    /// <param name="predictions">[N] or [N, 1] predictions.</param>
    /// <param name="targets">[N] targets.</param>
    /// <param name="loss">Which loss.</param>
    /// <param name="huberDelta">Huber threshold δ &gt; 0. Default 1.</param>
    public static Tensor PerExample(Tensor predictions, Tensor targets, RegressionLoss loss, double huberDelta = 1.0)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        OptionGuard.Positive(huberDelta, "HuberDelta");
        var p = predictions.dim() == 2 ? predictions.squeeze(1) : predictions;
        var d = p - targets;
        return OptionGuard.Defined(loss, "RegressionLoss") switch
        {
            RegressionLoss.Huber => nn.functional.huber_loss(p, targets, huberDelta, nn.Reduction.None),
            _ => d * d,
        };
    }

    /// <summary>Weighted mean loss (scalar): Σ wᵢℓᵢ / Σ wᵢ, or the plain mean without weights.</summary>
    /// <param name="predictions">[N] or [N, 1] predictions.</param>
    /// <param name="targets">[N] targets.</param>
    /// <param name="loss">Which loss.</param>
    /// <param name="huberDelta">Huber threshold δ &gt; 0. Default 1.</param>
    /// <param name="exampleWeights">Optional [N] non-negative example weights.</param>
    public static Tensor Compute(Tensor predictions, Tensor targets, RegressionLoss loss, double huberDelta = 1.0, Tensor? exampleWeights = null)
        => WeightedMean.Of(PerExample(predictions, targets, loss, huberDelta), null, null, exampleWeights);
}
