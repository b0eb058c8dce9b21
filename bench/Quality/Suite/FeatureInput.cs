namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>What our trainer's <c>Features</c> look like in the pipeline.</summary>
internal enum FeatureInput
{
    /// <summary>One-hot categoricals, mean-imputed numerics, then <c>NormalizeMeanVariance</c> (what today's defaults need).</summary>
    Normalized,
    /// <summary>No normalizer in the pipeline: for candidates whose preprocessing happens inside the model.</summary>
    Raw,
}
