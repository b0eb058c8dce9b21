using Microsoft.ML.Dropout.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Losses;

/// <summary>
/// Multiclass cross-entropy with label smoothing: targets (1−ε)·onehot + ε/K, so the per-example loss is
/// (1−ε)·(−log p_y) + ε·mean_k(−log p_k). The optimum logit gap is finite: log(1 + K(1−ε)/ε) (4.51 for K = 10, ε = 0.1; the often-quoted log((K−1)(1−ε)/ε) belongs to the ε/(K−1)-per-wrong-class convention).
/// </summary>
/// <remarks>
/// Weighting: example i gets weight wᵢ = exampleWeightᵢ · classWeight[yᵢ] (each 1 when not given), and the loss is
/// the weighted mean Σ wᵢℓᵢ / Σ wᵢ. With ε = 0 this equals <c>functional.cross_entropy(logits, y, weight: classWeights)</c>
/// (mean reduction, which also divides by the summed weights of the targets).
/// </remarks>
public static class SmoothedCrossEntropy
{
    /// <summary>Per-example losses ℓᵢ, shape [N] (no weighting).</summary>
    /// <param name="logits">[N, K] raw scores.</param>
    /// <param name="targets">[N] class indices (int64) in [0, K).</param>
    /// <param name="smoothing">ε in [0, 1). 0 = plain cross-entropy.</param>
    public static Tensor PerExample(Tensor logits, Tensor targets, double smoothing)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        OptionGuard.Rate(smoothing, "LabelSmoothing");
        var logp = nn.functional.log_softmax(logits, 1);
        var nll = -logp.gather(1, targets.unsqueeze(1)).squeeze(1);
        if (smoothing == 0)
            return nll;
        var uniform = -logp.mean(new long[] { 1 });
        return KeptScalars.Add(KeptScalars.Mul(nll, 1 - smoothing), KeptScalars.Mul(uniform, smoothing));
    }

    /// <summary>Weighted mean loss (scalar).</summary>
    /// <param name="logits">[N, K] raw scores.</param>
    /// <param name="targets">[N] class indices (int64) in [0, K).</param>
    /// <param name="smoothing">ε in [0, 1). 0 = plain cross-entropy.</param>
    /// <param name="classWeights">Optional [K] positive weights; example i is weighted by classWeights[yᵢ].</param>
    /// <param name="exampleWeights">Optional [N] non-negative example weights.</param>
    public static Tensor Compute(Tensor logits, Tensor targets, double smoothing, Tensor? classWeights = null, Tensor? exampleWeights = null)
        => WeightedMean.Of(PerExample(logits, targets, smoothing), targets, classWeights, exampleWeights);
}
