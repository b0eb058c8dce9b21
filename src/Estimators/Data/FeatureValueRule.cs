namespace Microsoft.ML.Dropout.Estimators.Data;

/// <summary>
/// The non-finite feature values a read accepts, decided by the model's in-model preprocessing: none without it (the
/// network would read them as they are); NaN with any kind (it becomes the training median); ±∞ as well with the
/// quantile transform, which maps it to the column's extreme quantile. A value the rule refuses fails the read.
/// </summary>
internal enum FeatureValueRule
{
    /// <summary>Every feature value must be finite (<see cref="FeaturePreprocessing.None"/>).</summary>
    FiniteOnly,
    /// <summary>NaN is a missing value, imputed by the preprocessing; ±∞ is refused (the affine kinds).</summary>
    MissingAllowed,
    /// <summary>NaN is imputed and ±∞ is clamped to the column's end knots (<see cref="FeaturePreprocessing.Quantile"/>).</summary>
    MissingAndInfiniteAllowed,
}

/// <summary>Helpers of <see cref="FeatureValueRule"/>.</summary>
internal static class FeatureValueRules
{
    /// <summary>The rule of a model preprocessed by <paramref name="kind"/>.</summary>
    internal static FeatureValueRule For(FeaturePreprocessing kind) => kind switch
    {
        FeaturePreprocessing.None => FeatureValueRule.FiniteOnly,
        FeaturePreprocessing.Quantile => FeatureValueRule.MissingAndInfiniteAllowed,
        _ => FeatureValueRule.MissingAllowed,
    };

    /// <summary>Whether the non-finite <paramref name="value"/> is accepted.</summary>
    internal static bool AcceptsNonFinite(this FeatureValueRule rule, float value) =>
        float.IsNaN(value) ? rule != FeatureValueRule.FiniteOnly : rule == FeatureValueRule.MissingAndInfiniteAllowed;
}
