namespace Microsoft.ML.Dropout;

/// <summary>
/// The non-finite feature values a <see cref="FeaturePreprocessing"/> kind takes, the one rule every reader and check
/// follows: NaN (a missing value, replaced by the training median) with any kind but None; ±∞ only with
/// <see cref="FeaturePreprocessing.Quantile"/>, whose knots come from the finite values and which clamps to its end
/// knots, so +∞ (−∞) lands on the column's top (bottom) quantile, as in LightGBM's last (first) bin.
/// </summary>
public static class FeaturePreprocessingValues
{
    /// <summary>Whether <paramref name="kind"/> takes a missing value (NaN).</summary>
    public static bool TakesMissing(this FeaturePreprocessing kind) => kind != FeaturePreprocessing.None;

    /// <summary>Whether <paramref name="kind"/> takes ±∞.</summary>
    public static bool TakesInfinite(this FeaturePreprocessing kind) => kind == FeaturePreprocessing.Quantile;

    /// <summary>Whether <paramref name="kind"/> takes <paramref name="value"/>: a finite value always.</summary>
    public static bool Takes(this FeaturePreprocessing kind, float value) =>
        float.IsFinite(value) || (float.IsNaN(value) ? kind.TakesMissing() : kind.TakesInfinite());
}
