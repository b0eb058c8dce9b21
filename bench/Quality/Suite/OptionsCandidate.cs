using Microsoft.ML.Dropout;
using Microsoft.ML;
using Microsoft.ML.Dropout.Estimators;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// A candidate set of defaults for our trainer: a name (the cache key: rename when the settings change), a one-line
/// description and a function that sets options on the trainer's shared options for the task and data at hand.
/// </summary>
/// <param name="Name">Short unique name, used on the command line, in RESULTS.md and as the cache folder.</param>
/// <param name="Description">What it changes from today's defaults; stored with every cached result.</param>
/// <param name="Apply">Sets options; may depend on the task and on <see cref="DataFacts"/>, never on the dataset name.</param>
/// <param name="Input">Normalized features (today) or raw ones (in-model preprocessing).</param>
internal sealed record OptionsCandidate(string Name, string Description, Action<MlpTrainerOptions, DataFacts> Apply,
    FeatureInput Input = FeatureInput.Normalized)
{
    /// <summary>Our trainer for the split's task with this candidate's options, the given seed and thread count.</summary>
    public TrainerCandidate ToTrainer(string displayName, int seed, int? threads) => new(displayName, (ml, split) =>
    {
        var facts = new DataFacts(split.Task, split.TrainRows, split.FeatureCount);
        MlpTrainerOptions options = split.Task switch
        {
            TaskKind.BinaryClassification => new RegularizedMlpBinaryTrainer.Options(),
            TaskKind.MulticlassClassification => new RegularizedMlpMulticlassTrainer.Options(),
            _ => new RegularizedMlpRegressionTrainer.Options(),
        };
        options.Seed = seed;
        options.NumberOfThreads = threads;
        Apply(options, facts);
        return Create(ml, options);
    });

    private static IEstimator<ITransformer> Create(MLContext ml, MlpTrainerOptions options) => options switch
    {
        RegularizedMlpBinaryTrainer.Options b => ml.BinaryClassification.Trainers.RegularizedMlp(b),
        RegularizedMlpMulticlassTrainer.Options m => ml.MulticlassClassification.Trainers.RegularizedMlp(m),
        RegularizedMlpRegressionTrainer.Options r => ml.Regression.Trainers.RegularizedMlp(r),
        _ => throw new ArgumentException($"Unknown options type {options.GetType().Name}.", nameof(options)),
    };
}
