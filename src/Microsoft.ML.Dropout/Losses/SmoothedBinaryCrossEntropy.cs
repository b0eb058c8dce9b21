using Microsoft.ML.Dropout.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Losses;

/// <summary>
/// Binary cross-entropy on one logit with smoothed targets y(1−ε) + ε/2 (TorchSharp's BCEWithLogits has no
/// smoothing parameter). The optimum logit is finite: ±log((1−ε/2)/(ε/2)).
/// </summary>
/// <remarks>
/// Weighting: example i gets weight wᵢ = exampleWeightᵢ · classWeight[yᵢ] (classWeights = [weight of 0, weight of 1]);
/// the loss is Σ wᵢℓᵢ / Σ wᵢ.
/// </remarks>
public static class SmoothedBinaryCrossEntropy
{
    /// <summary>The smoothed targets y(1−ε) + ε/2.</summary>
    /// <param name="labels">0/1 labels (float).</param>
    /// <param name="smoothing">ε in [0, 1).</param>
    public static Tensor SmoothTargets(Tensor labels, double smoothing)
    {
        ArgumentNullException.ThrowIfNull(labels);
        OptionGuard.Rate(smoothing, "LabelSmoothing");
        return smoothing == 0 ? labels.to_type(ScalarType.Float32) : KeptScalars.Add(KeptScalars.Mul(labels.to_type(ScalarType.Float32), 1 - smoothing), smoothing / 2);
    }

    /// <summary>Per-example losses, shape [N] (no weighting).</summary>
    /// <param name="logits">[N] or [N, 1] logits.</param>
    /// <param name="labels">[N] 0/1 labels.</param>
    /// <param name="smoothing">ε in [0, 1).</param>
    public static Tensor PerExample(Tensor logits, Tensor labels, double smoothing)
    {
        ArgumentNullException.ThrowIfNull(logits);
        var z = logits.dim() == 2 ? logits.squeeze(1) : logits;
        return nn.functional.binary_cross_entropy_with_logits(z, SmoothTargets(labels, smoothing), reduction: nn.Reduction.None);
    }

    /// <summary>Weighted mean loss (scalar).</summary>
    /// <param name="logits">[N] or [N, 1] logits.</param>
    /// <param name="labels">[N] 0/1 labels (float).</param>
    /// <param name="smoothing">ε in [0, 1). 0 = plain binary cross-entropy.</param>
    /// <param name="classWeights">Optional [2] positive weights [weight of 0, weight of 1].</param>
    /// <param name="exampleWeights">Optional [N] non-negative example weights.</param>
    public static Tensor Compute(Tensor logits, Tensor labels, double smoothing, Tensor? classWeights = null, Tensor? exampleWeights = null)
    {
        using var classIndex = classWeights is null ? null : labels.to_type(ScalarType.Int64);
        return WeightedMean.Of(PerExample(logits, labels, smoothing), classIndex, classWeights, exampleWeights);
    }
}
