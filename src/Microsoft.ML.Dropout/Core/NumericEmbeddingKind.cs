namespace Microsoft.ML.Dropout;

/// <summary>How each numeric feature is turned into a vector before the first hidden layer (binary and constant columns are never embedded).</summary>
public enum NumericEmbeddingKind
{
    /// <summary>No embedding: the (preprocessed) features feed the first layer directly.</summary>
    None,

    /// <summary>
    /// Periodic embeddings "PLR" (Gorishniy et al. 2022): [cos 2πWx, sin 2πWx] with W ~ N(0, σ²) trained, then
    /// Linear → ReLU to EmbeddingDimension values per feature (the <c>PeriodicEmbedding</c> module).
    /// </summary>
    Periodic,

    /// <summary>
    /// Piecewise-linear encoding over bins fitted on the training rows — at the quantiles, or target-aware (see
    /// <see cref="PiecewiseLinearBinning"/>) — then a per-feature Linear (the <c>PiecewiseLinearEmbedding</c> module).
    /// </summary>
    PiecewiseLinear,
}
