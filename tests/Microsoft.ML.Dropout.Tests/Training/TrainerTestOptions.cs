using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>The small, fast trainer configuration the loop tests start from, and the weights they compare.</summary>
internal static class TrainerTestOptions
{
    /// <summary>The task most loop tests train: four classes.</summary>
    internal static TrainingTask FourClasses { get; } = TrainingTask.Multiclass(4);

    /// <summary>
    /// The plain MLP (no in-model preprocessing or embedding: loop tests reach into its parameter names and feed it
    /// values the tabular front would absorb), [32, 16] hidden units, batches of 32, learning rate 1e-2 with one
    /// warm-up epoch, one thread; one run per Fit (no refit on all rows: loop tests observe one run's epochs and
    /// batches; RefitOnAllRowsTests turn it on).
    /// </summary>
    internal static MlpClassificationOptions Small(int maxEpochs = 4) => new()
    {
        Preprocessing = FeaturePreprocessing.None,
        NumericEmbedding = NumericEmbeddingKind.None,
        HiddenLayers = new[] { 32, 16 },
        BatchSize = 32,
        MaxEpochs = maxEpochs,
        LearningRate = 1e-2,
        WarmupEpochs = 1,
        NumberOfThreads = 1,
        RefitOnAllRows = false,
    };

    /// <summary>Every dense weight and bias of the snapshot, in layer order.</summary>
    internal static float[] DenseWeights(MlpSnapshot snapshot) =>
        snapshot.Layers.OfType<DenseLayer>().SelectMany(d => d.Weight.Concat(d.Bias)).ToArray();
}
