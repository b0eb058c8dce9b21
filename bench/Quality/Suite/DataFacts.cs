using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>What a candidate may look at to set options by rule (never the dataset's name).</summary>
/// <param name="Task">The prediction task.</param>
/// <param name="TrainRows">Rows handed to <c>Fit</c> (the trainer holds out its own validation fraction from these).</param>
/// <param name="FeatureCount">Length of the <c>Features</c> vector after featurization.</param>
internal sealed record DataFacts(TaskKind Task, long TrainRows, int FeatureCount);
