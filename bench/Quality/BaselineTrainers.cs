using Microsoft.ML;
using Microsoft.ML.Dropout;
using Microsoft.ML.Trainers;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Bench.Quality;

/// <summary>
/// ML.NET's own trainers with their default options, per task — except SDCA's thread count: with several threads
/// its result changes from run to run, so it runs on one thread and its seeded metrics reproduce.
/// </summary>
internal static class BaselineTrainers
{
    public static IEnumerable<TrainerCandidate> For(TaskKind task, string dataset) => task switch
    {
        TaskKind.BinaryClassification => new[]
        {
            new TrainerCandidate("LightGBM", (ml, _) => ml.BinaryClassification.Trainers.LightGbm()),
            new TrainerCandidate("FastTree", (ml, _) => ml.BinaryClassification.Trainers.FastTree()),
            new TrainerCandidate("SDCA logistic", (ml, _) => ml.BinaryClassification.Trainers.SdcaLogisticRegression(
                new SdcaLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 })),
            new TrainerCandidate("L-BFGS logistic", (ml, _) => ml.BinaryClassification.Trainers.LbfgsLogisticRegression()),
        },
        TaskKind.MulticlassClassification => new[]
        {
            new TrainerCandidate("LightGBM", (ml, _) => ml.MulticlassClassification.Trainers.LightGbm()),
            // FastTree has no multiclass mode: one-versus-all over binary FastTree (10 ensembles on MNIST: slow).
            new TrainerCandidate("FastTree (one-vs-all)", (ml, _) => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree())),
            new TrainerCandidate("SDCA maximum entropy", (ml, _) => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
                new SdcaMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1 })),
            new TrainerCandidate("L-BFGS maximum entropy", (ml, _) => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()),
        },
        _ => new[]
        {
            new TrainerCandidate("LightGBM", (ml, _) => ml.Regression.Trainers.LightGbm()),
            new TrainerCandidate("FastTree", (ml, _) => ml.Regression.Trainers.FastTree()),
            // Automatic SDCA iterations can run for minutes: capped (see MLNET-INTEGRATION.md).
            new TrainerCandidate("SDCA", (ml, _) => ml.Regression.Trainers.Sdca(
                new SdcaRegressionTrainer.Options { MaximumNumberOfIterations = 100, NumberOfThreads = 1 })),
        },
    };
}
