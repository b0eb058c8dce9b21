namespace Microsoft.ML.Dropout;

/// <summary>
/// How the network transforms each raw feature column before anything else. Fitted on the training rows and stored
/// in the model. With any kind but <see cref="None"/>, a missing value (NaN) is first replaced by the column's
/// training median; columns whose training values are exactly {0, 1} pass through unchanged, other two-valued
/// columns map min → 0 and max → 1, and constant columns map to 0.
/// </summary>
public enum FeaturePreprocessing
{
    /// <summary>No preprocessing: the features reach the network as given (NaN stays an error).</summary>
    None,

    /// <summary>(x − mean)/std with the training mean and population standard deviation.</summary>
    Standardize,

    /// <summary>
    /// RealMLP-TD (Holzmüller et al. 2024): x' = (x − median)/IQR (fallback 0.5·(max − min), then 1), then the
    /// smooth clip x'/√(1 + x'²/9), which is ≈ x' near 0 and tends to ±3.
    /// </summary>
    RobustClip,

    /// <summary>
    /// The quantile transform to a standard normal (TabM/rtdl; scikit-learn's QuantileTransformer with
    /// output_distribution = "normal"): piecewise-linear between n = clamp(rows/30, 10, 1000) training quantiles
    /// (duplicates collapsed to their mid level) and Φ⁻¹ of their levels, clipped at Φ⁻¹(1e-7) ≈ −5.199 and
    /// Φ⁻¹(1 − 1e-7); values outside the training range map to the end values, ±∞ too (the one kind that takes
    /// them: <see cref="FeaturePreprocessingValues"/>).
    /// </summary>
    Quantile,
}
