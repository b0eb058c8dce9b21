using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>Small, fast trainer settings and fitted pipelines shared by the tests.</summary>
internal static class TestModels
{
    public const int Rows = 400;

    public static T Small<T>(T options, int seed = 1) where T : Microsoft.ML.Dropout.Training.MlpTrainerOptions
    {
        options.HiddenLayers = new[] { 16 };
        options.MaxEpochs = 12;
        options.BatchSize = 32;
        options.LearningRate = 0.01;
        options.DropoutRate = 0.1;
        options.WarmupEpochs = 1;
        options.EarlyStoppingPatience = null;
        options.Seed = seed;
        options.NumberOfThreads = 1;
        return options;
    }

    public static RegularizedMlpBinaryTrainer.Options BinaryOptions(int seed = 1) => Small(new RegularizedMlpBinaryTrainer.Options(), seed);
    public static RegularizedMlpMulticlassTrainer.Options MulticlassOptions(int seed = 1) => Small(new RegularizedMlpMulticlassTrainer.Options(), seed);
    public static RegularizedMlpRegressionTrainer.Options RegressionOptions(int seed = 1) => Small(new RegularizedMlpRegressionTrainer.Options(), seed);

    public static IDataView BinaryData(MLContext ml, int rows = Rows, int seed = 11) => ml.Data.LoadFromEnumerable(SyntheticData.Binary(rows, seed).ToList());
    public static IDataView MulticlassData(MLContext ml, int rows = Rows, int seed = 12) => ml.Data.LoadFromEnumerable(SyntheticData.Multiclass(rows, seed).ToList());
    public static IDataView RegressionData(MLContext ml, int rows = Rows, int seed = 13) => ml.Data.LoadFromEnumerable(SyntheticData.Regression(rows, seed).ToList());

    public static IEstimator<ITransformer> BinaryPipeline(MLContext ml, int seed = 1) =>
        SyntheticData.Featurize(ml).Append(ml.BinaryClassification.Trainers.RegularizedMlp(BinaryOptions(seed)));

    public static IEstimator<ITransformer> MulticlassPipeline(MLContext ml, int seed = 1) =>
        ml.Transforms.Conversion.MapValueToKey("Label").Append(SyntheticData.Featurize(ml))
            .Append(ml.MulticlassClassification.Trainers.RegularizedMlp(MulticlassOptions(seed)));

    public static IEstimator<ITransformer> RegressionPipeline(MLContext ml, int seed = 1) =>
        SyntheticData.Featurize(ml).Append(ml.Regression.Trainers.RegularizedMlp(RegressionOptions(seed)));

    /// <summary>Featurized (Concatenate + NormalizeMinMax) binary data, for tests that call the trainer directly.</summary>
    public static IDataView FeaturizedBinary(MLContext ml, int rows = Rows, int seed = 11)
    {
        var data = BinaryData(ml, rows, seed);
        return SyntheticData.Featurize(ml).Fit(data).Transform(data);
    }

    /// <summary>Every transformer of a (possibly nested) chain.</summary>
    public static IEnumerable<ITransformer> Flatten(ITransformer transformer)
    {
        if (transformer is IEnumerable<ITransformer> chain)
        {
            foreach (var inner in chain)
                foreach (var t in Flatten(inner))
                    yield return t;
        }
        else
            yield return transformer;
    }
}

/// <summary>A prediction transformer around a random network, built without training (no TorchSharp needed).</summary>
internal static class UntrainedTransformer
{
    public static RegularizedMlpPredictionTransformer Create(MLContext ml, IDataView featurized, Dropout.TaskKind task, int outputs, int seed = 5)
    {
        var snapshot = SyntheticData.RandomSnapshot(task, 4, outputs, seed, temperature: 1.2, scale: 2, shift: 10);
        var result = new Training.TrainingResult(snapshot, Array.Empty<Training.EpochMetrics>(), 1, Training.StopReason.MaxEpochsReached);
        var label = featurized.Schema["Label"];
        var classNames = task == Dropout.TaskKind.MulticlassClassification ? MulticlassHeadData.ClassNames(label, outputs) : null;
        var chain = ScoringChainFactory.Build(snapshot, "Features", featurized, label, 0);
        return new RegularizedMlpPredictionTransformer(new RegularizedMlpModelParameters(result, classNames), chain, "Features", featurized.Schema["Features"].Type);
    }
}
