using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Estimators;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Metrics;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality;

/// <summary>Our RegularizedMlp trainers, default options (only the seed, and the thread count if --threads is given).</summary>
internal static class OurTrainer
{
    public const string Name = "RegularizedMlp (defaults)";

    public static IEnumerable<TrainerCandidate> For(TaskKind task, string dataset, BenchmarkArguments args)
    {
        int? threads = args.Threads;
        yield return task switch
        {
            TaskKind.BinaryClassification => new TrainerCandidate(Name, (ml, _) =>
                ml.BinaryClassification.Trainers.RegularizedMlp(new RegularizedMlpBinaryTrainer.Options { NumberOfThreads = threads }))
            {
                Extra = (ml, data, _) => TemperatureScaledEce(ml, data, threads),
            },
            TaskKind.MulticlassClassification => new TrainerCandidate(Name, (ml, _) =>
                ml.MulticlassClassification.Trainers.RegularizedMlp(new RegularizedMlpMulticlassTrainer.Options { NumberOfThreads = threads })),
            _ => new TrainerCandidate(Name, (ml, _) =>
                ml.Regression.Trainers.RegularizedMlp(new RegularizedMlpRegressionTrainer.Options { NumberOfThreads = threads })),
        };
        if (dataset == "mnist")
        {
            // The documented MNIST recipe (Srivastava et al. 2014 style): 2×1024 ReLU, dropout 0.5 hidden / 0.2 input,
            // max-norm 3, no normalization, no label smoothing; 40 epochs with early stopping on 10% of train. It sets
            // every option the paper decides instead of inheriting the tabular defaults of issue 11: the pixels go in as
            // featurized (no in-model Quantile preprocessing, no numeric embedding), no weight average, one run (no refit). Inherited, those
            // had taken its test error from 1.19% to 1.56% (sixth session); with the preprocessing off alone it was
            // 1.17%, with the weight average off alone 1.23% (seventh session, same build and stream as the 1.56%).
            yield return new TrainerCandidate("RegularizedMlp (MNIST recipe)", (ml, _) =>
                ml.MulticlassClassification.Trainers.RegularizedMlp(new RegularizedMlpMulticlassTrainer.Options
                {
                    NumberOfThreads = threads,
                    HiddenLayers = new[] { 1024, 1024 },
                    Activation = Microsoft.ML.Dropout.Activation.Relu,
                    Normalization = Microsoft.ML.Dropout.Normalization.None,
                    DropoutRate = 0.5,
                    InputDropoutRate = 0.2,
                    MaxNorm = 3,
                    LabelSmoothing = 0,
                    WeightDecay = 0,
                    BatchSize = 128,
                    MaxEpochs = 40,
                    EarlyStoppingPatience = 10,
                    Preprocessing = Microsoft.ML.Dropout.FeaturePreprocessing.None,
                    NumericEmbedding = Microsoft.ML.Dropout.NumericEmbeddingKind.None,
                    WeightAveragingDecay = null,
                    RefitOnAllRows = false,
                }));
        }
        if (dataset == "iris")
        {
            // 120 training rows per fold are fewer than the default batch of 256, which the trainer rejects.
            yield return new TrainerCandidate("RegularizedMlp (batch 32)", (ml, _) =>
                ml.MulticlassClassification.Trainers.RegularizedMlp(new RegularizedMlpMulticlassTrainer.Options { NumberOfThreads = threads, BatchSize = 32 }));
        }
    }

    /// <summary>
    /// Temperature scaling done properly: train with defaults on 90% of the training part, early-stop and fit T on
    /// the other 10% (never the test split), then report test ECE before and after dividing the logits by T.
    /// </summary>
    private static string TemperatureScaledEce(MLContext ml, FeaturizedSplit data, int? threads, double? labelSmoothing = null)
    {
        var parts = ml.Data.TrainTestSplit(data.Train, testFraction: 0.1, seed: 0);
        var options = new RegularizedMlpBinaryTrainer.Options { NumberOfThreads = threads };
        if (labelSmoothing is double ls) options.LabelSmoothing = ls;
        var trainer = ml.BinaryClassification.Trainers.RegularizedMlp(options);
        var model = trainer.Fit(parts.TrainSet, parts.TestSet);
        var snapshot = model.Model.Snapshot;
        var valid = TrainingDataReader.Read(parts.TestSet);
        var test = TrainingDataReader.Read(data.Test);
        float[] validLogits = SnapshotEvaluator.Forward(snapshot, valid.Features, valid.RowCount);
        float[] testLogits = SnapshotEvaluator.Forward(snapshot, test.Features, test.RowCount);
        double t = TemperatureScaling.Fit(validLogits, valid.Labels.Select(y => y > 0.5f).ToArray());
        double before = Ece(testLogits, test.Labels, 1.0), after = Ece(testLogits, test.Labels, t);
        double accuracy = testLogits.Zip(test.Labels, (z, y) => (z > 0) == (y > 0.5f) ? 1.0 : 0.0).Average();
        return string.Create(CultureInfo.InvariantCulture,
            $"temperature scaling (trained on 90% of train, T fitted on the other 10%): T = {t:0.000}, test accuracy {accuracy:0.0000}, test ECE {before:0.0000} → {after:0.0000}.");
    }

    private static double Ece(float[] logits, float[] labels, double temperature) =>
        Calibration.Binary(SnapshotEvaluator.Sigmoid(logits, temperature), labels.Select(y => y > 0.5f).ToArray()).Ece;
}
