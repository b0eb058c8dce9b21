namespace MLNetRegularization.Samples.Reporting;

/// <summary>Calibration of a classifier's probabilities on a test set (top-label, equal-width bins).</summary>
/// <param name="Ece">Expected calibration error, Σ (|B|/n)·|acc(B) − conf(B)|, in [0, 1].</param>
/// <param name="Mce">Largest gap |acc(B) − conf(B)| over non-empty bins, in [0, 1].</param>
/// <param name="Brier">Brier score (binary: mean (p − y)²; multiclass: mean Σ_k (p_k − y_k)²).</param>
/// <param name="LogLoss">Negative log-likelihood of the label (nats), probabilities clipped to [1e-15, 1 − 1e-15].</param>
/// <param name="Bins">Reliability bins, lowest confidence first, empty bins included.</param>
public sealed record CalibrationSummary(double Ece, double Mce, double Brier, double LogLoss, IReadOnlyList<CalibrationBin> Bins);

/// <summary>One reliability bin.</summary>
/// <param name="Lower">Lower edge of the confidence range.</param>
/// <param name="Upper">Upper edge of the confidence range.</param>
/// <param name="Count">Rows in the bin.</param>
/// <param name="MeanConfidence">Mean confidence of the predicted class in the bin (NaN when empty).</param>
/// <param name="Accuracy">Fraction of the bin's rows predicted correctly (NaN when empty).</param>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);
