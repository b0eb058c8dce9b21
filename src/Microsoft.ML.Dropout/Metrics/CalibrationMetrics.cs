namespace Microsoft.ML.Dropout.Metrics;

/// <summary>
/// Calibration and proper-scoring metrics of probabilistic predictions, computed by <see cref="Calibration"/>.
/// All errors are in [0, 1] except <see cref="LogLoss"/> (nats, ≥ 0) and multiclass <see cref="Brier"/> (in [0, 2]).
/// Lower is better for every error. With example weights every mean is weighted.
/// </summary>
public sealed record CalibrationMetrics
{
    internal CalibrationMetrics() { }

    /// <summary>Number of rows evaluated.</summary>
    public int RowCount { get; init; }

    /// <summary>Total example weight (= <see cref="RowCount"/> without weights).</summary>
    public double TotalWeight { get; init; }

    /// <summary>Number of classes (2 for binary).</summary>
    public int ClassCount { get; init; }

    /// <summary>Number of equal-width (and equal-mass) bins used.</summary>
    public int BinCount { get; init; }

    /// <summary>Fraction of rows whose predicted class (argmax; binary: P(y = 1) ≥ 0.5) is the label.</summary>
    public double Accuracy { get; init; }

    /// <summary>
    /// Top-label expected calibration error (Guo et al. 2017): rows binned by the confidence of the predicted class
    /// (binary: max(p, 1 − p)) into equal-width bins; ECE = Σ_m (|B_m|/n)·|acc(B_m) − conf(B_m)|.
    /// </summary>
    public double Ece { get; init; }

    /// <summary>
    /// Adaptive (equal-mass) top-label ECE: the same sum over bins holding equal numbers of rows (equal weight
    /// with weights), sorted by confidence; row i goes to bin ⌊M·(weight before i + wᵢ/2)/W⌋.
    /// </summary>
    public double AdaptiveEce { get; init; }

    /// <summary>Maximum calibration error: the largest top-label gap |acc − conf| over non-empty equal-width bins.</summary>
    public double Mce { get; init; }

    /// <summary>
    /// Brier score. Binary: mean of (p − y)² with p = P(y = 1) (scikit-learn's brier_score_loss; half the two-class
    /// multiclass form). Multiclass: mean over rows of Σ_k (p_k − y_k)² with one-hot y.
    /// </summary>
    public double Brier { get; init; }

    /// <summary>Negative log-likelihood (log-loss, nats) of the label, with probabilities clipped to [1e−15, 1 − 1e−15].</summary>
    public double LogLoss { get; init; }

    /// <summary>
    /// Binary only: ECE of the positive-class probability, Σ_m (|B_m|/n)·|freq(y = 1 in B_m) − mean p(B_m)| with
    /// equal-width bins on p = P(y = 1): the gap plotted by the usual binary reliability diagram. Null for multiclass.
    /// </summary>
    public double? PositiveClassEce { get; init; }

    /// <summary>
    /// Multiclass only: classwise ECE (Kull et al. 2019), the mean over classes k of the ECE of p_k against 1[y = k]
    /// with equal-width bins on p_k. Null for binary.
    /// </summary>
    public double? ClasswiseEce { get; init; }

    /// <summary>Top-label reliability bins (confidence of the predicted class vs accuracy), equal width, all <see cref="BinCount"/> bins including empty ones.</summary>
    public IReadOnlyList<ReliabilityBin> ReliabilityBins { get; init; } = Array.Empty<ReliabilityBin>();

    /// <summary>Binary only: reliability bins on P(y = 1) vs observed positive rate, equal width, all bins including empty ones. Null for multiclass.</summary>
    public IReadOnlyList<ReliabilityBin>? PositiveClassReliabilityBins { get; init; }
}
