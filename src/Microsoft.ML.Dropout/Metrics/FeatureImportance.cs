namespace Microsoft.ML.Dropout.Metrics;

/// <summary>
/// Permutation feature importance as plain arrays: per feature, the mean decrease of a metric when that feature's
/// values are shuffled, and the standard deviation of that decrease over the permutations.
/// </summary>
public sealed record FeatureImportance
{
    /// <summary>Validates and stores the importances.</summary>
    /// <param name="features">Feature names.</param>
    /// <param name="meanDecrease">Mean decrease of the metric per feature (positive = the feature helps).</param>
    /// <param name="standardDeviation">Standard deviation of the decrease over the permutations, ≥ 0 (0 for one permutation).</param>
    /// <param name="metricName">The metric, e.g. "AUC", "macro accuracy", "R²".</param>
    /// <exception cref="ArgumentException">Different lengths, no features, or a non-finite value.</exception>
    public FeatureImportance(IReadOnlyList<string> features, IReadOnlyList<double> meanDecrease, IReadOnlyList<double> standardDeviation, string metricName)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(meanDecrease);
        ArgumentNullException.ThrowIfNull(standardDeviation);
        if (features.Count == 0 || meanDecrease.Count != features.Count || standardDeviation.Count != features.Count)
            throw new ArgumentException($"Expected one mean and one standard deviation per feature and at least one feature. Received {features.Count} features, {meanDecrease.Count} means, {standardDeviation.Count} standard deviations.", nameof(features));
        for (int i = 0; i < features.Count; i++)
            if (!double.IsFinite(meanDecrease[i]) || !(standardDeviation[i] >= 0) || double.IsInfinity(standardDeviation[i]))
                throw new ArgumentException($"Means must be finite and standard deviations finite and ≥ 0. Received {meanDecrease[i]} ± {standardDeviation[i]} for feature '{features[i]}'.", nameof(meanDecrease));
        Features = features;
        MeanDecrease = meanDecrease;
        StandardDeviation = standardDeviation;
        MetricName = metricName;
    }

    /// <summary>Feature names.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>Mean decrease of the metric per feature.</summary>
    public IReadOnlyList<double> MeanDecrease { get; }

    /// <summary>Standard deviation of the decrease per feature.</summary>
    public IReadOnlyList<double> StandardDeviation { get; }

    /// <summary>The metric whose decrease is measured.</summary>
    public string MetricName { get; }
}
