namespace Microsoft.ML.Dropout;

/// <summary>
/// How the bin edges of the piecewise-linear embedding are computed from the training rows (Gorishniy et al. 2022,
/// "On Embeddings for Numerical Features in Tabular Deep Learning", §3.2). Either way the edges are strictly
/// increasing, span the feature's training range, and are computed from the training rows only.
/// </summary>
public enum PiecewiseLinearBinning
{
    /// <summary>
    /// Edges at the training quantiles 0, 1/B, …, 1 with duplicates removed ("Q" bins, the paper's §3.2.1): every bin
    /// holds about the same number of rows; a spiky feature (many rows at one value) gets fewer bins.
    /// </summary>
    Quantile,

    /// <summary>
    /// Target-aware edges ("T" bins, the paper's §3.2.2): per feature, a decision tree on (feature, label) — class
    /// Gini impurity for classification, variance for regression — grown best-first to at most B leaves, whose split
    /// thresholds are the inner edges, plus the feature's minimum and maximum. Bins follow where the label changes
    /// rather than where the rows are (the <c>TargetAwareBins</c> binner).
    /// </summary>
    TargetAware,
}
