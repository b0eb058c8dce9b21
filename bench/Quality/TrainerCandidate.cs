using Microsoft.ML;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality;

/// <summary>A trainer to benchmark: a display name and how to build its estimator for a featurized split.</summary>
internal sealed record TrainerCandidate(string Name, Func<MLContext, FeaturizedSplit, IEstimator<ITransformer>> Create)
{
    /// <summary>
    /// Optional post-processing after evaluation (e.g. temperature scaling for our trainer); receives the fitted
    /// model and returns a note to print under the table, or null.
    /// </summary>
    public Func<MLContext, FeaturizedSplit, ITransformer, string?>? Extra { get; init; }
}
