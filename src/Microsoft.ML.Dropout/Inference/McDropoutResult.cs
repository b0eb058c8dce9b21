
namespace Microsoft.ML.Dropout.Inference;

/// <summary>
/// Per-row summary of K stochastic forward passes (MC dropout, Gal &amp; Ghahramani 2016), produced by
/// <see cref="SnapshotEvaluator.McDropout"/>. Arrays are row-major. Standard deviations are population values
/// (divide by K), so one pass gives 0. Entropies are in nats.
/// </summary>
public sealed record McDropoutResult
{
    internal McDropoutResult() { }

    /// <summary>The snapshot's task.</summary>
    public TaskKind Task { get; init; }

    /// <summary>Number of rows scored.</summary>
    public int RowCount { get; init; }

    /// <summary>Raw outputs per row (the snapshot's OutputSize).</summary>
    public int OutputSize { get; init; }

    /// <summary>Number of stochastic passes K (≥ 1).</summary>
    public int Passes { get; init; }

    /// <summary>Mean raw network output per row and output, [RowCount × OutputSize] (logits before temperature, or standardized regression values).</summary>
    public float[] MeanRaw { get; init; } = Array.Empty<float>();

    /// <summary>Standard deviation of the raw output across passes, [RowCount × OutputSize].</summary>
    public float[] StdRaw { get; init; } = Array.Empty<float>();

    /// <summary>
    /// Classification: mean predicted probability across passes, with the snapshot's temperature applied to each
    /// pass when requested: [RowCount] holding P(y = 1) for binary, [RowCount × K] for multiclass. Null for regression.
    /// </summary>
    public float[]? MeanProbability { get; init; }

    /// <summary>Classification: standard deviation of the probabilities across passes, same layout as <see cref="MeanProbability"/>. Null for regression.</summary>
    public float[]? StdProbability { get; init; }

    /// <summary>
    /// Classification: predictive entropy H[mean p] per row (nats; binary uses the Bernoulli entropy), [RowCount]:
    /// total uncertainty. Null for regression.
    /// </summary>
    public float[]? PredictiveEntropy { get; init; }

    /// <summary>
    /// Classification: mutual information (BALD) per row, H[mean p] − mean over passes of H[p] ≥ 0 (nats),
    /// [RowCount]: the epistemic part of the uncertainty. Null for regression.
    /// </summary>
    public float[]? MutualInformation { get; init; }

    /// <summary>Regression: mean prediction in label units (mean raw · OutputScale + OutputShift), [RowCount]. Null for classification.</summary>
    public float[]? MeanPrediction { get; init; }

    /// <summary>Regression: standard deviation of the prediction in label units (std raw · |OutputScale|), [RowCount]. Null for classification.</summary>
    public float[]? StdPrediction { get; init; }
}
