using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>The small, fast trainer configuration the loop tests start from, and the weights they compare.</summary>
internal static class TrainerTestOptions
{
    /// <summary>[32, 16] hidden units, batches of 32, learning rate 1e-2 with one warm-up epoch, one thread; four classes for multiclass.</summary>
    internal static MlpTrainerOptions Small(TaskKind task = TaskKind.MulticlassClassification, int maxEpochs = 4) => new()
    {
        Task = task,
        ClassCount = 4,
        Architecture = new MlpArchitecture { HiddenLayers = new[] { 32, 16 } },
        BatchSize = 32,
        MaxEpochs = maxEpochs,
        LearningRate = 1e-2,
        WarmupEpochs = 1,
        NumberOfThreads = 1,
    };

    /// <summary>Every dense weight and bias of the snapshot, in layer order.</summary>
    internal static float[] DenseWeights(MlpSnapshot snapshot) =>
        snapshot.Layers.OfType<DenseLayer>().SelectMany(d => d.Weight.Concat(d.Bias)).ToArray();
}
