using Microsoft.ML.Dropout.Estimators;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML;

/// <summary>
/// <c>RegularizedMlp</c> on ML.NET's trainer catalogs, in namespace Microsoft.ML so that <c>using Microsoft.ML;</c>
/// finds it: <c>mlContext.BinaryClassification.Trainers.RegularizedMlp(...)</c>, and the same for
/// <c>MulticlassClassification</c> and <c>Regression</c>. Each has a simple overload and an <c>Options</c> overload.
/// </summary>
public static class RegularizedMlpCatalog
{
    /// <summary>A regularized MLP for binary classification (Boolean label).</summary>
    /// <param name="catalog">The binary classification trainer catalog.</param>
    /// <param name="labelColumnName">Boolean label column. Default "Label".</param>
    /// <param name="featureColumnName">Known-size Single vector column. Default "Features".</param>
    /// <param name="exampleWeightColumnName">Optional non-negative weight column. Default null.</param>
    /// <param name="hiddenLayers">Hidden widths, input side first. Default null = [256, 128]; each ≥ 1.</param>
    /// <param name="dropoutRate">Target hidden dropout rate. Default 0.3; range [0, 1).</param>
    /// <param name="weightDecay">Decoupled (AdamW) weight decay. Default 0.01; ≥ 0.</param>
    /// <param name="learningRate">Peak learning rate. Default 1e-3; range (0, 10].</param>
    /// <param name="maxEpochs">Maximum epochs (early stopping may end sooner). Default 50; ≥ 1.</param>
    /// <param name="seed">Seed of initialization, shuffling, split and dropout. Default 0.</param>
    public static RegularizedMlpBinaryTrainer RegularizedMlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int[]? hiddenLayers = null, double dropoutRate = MlpArchitecture.Defaults.DropoutRate,
        double weightDecay = MlpTrainerOptions.Defaults.WeightDecay, double learningRate = MlpTrainerOptions.Defaults.LearningRate,
        int maxEpochs = MlpTrainerOptions.Defaults.MaxEpochs, int seed = MlpTrainerOptions.Defaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RegularizedMlpBinaryTrainer(Fill(new RegularizedMlpBinaryTrainer.Options(), labelColumnName, featureColumnName,
            exampleWeightColumnName, hiddenLayers, dropoutRate, weightDecay, learningRate, maxEpochs, seed));
    }

    /// <summary>A regularized MLP for binary classification, configured by <paramref name="options"/>.</summary>
    /// <param name="catalog">The binary classification trainer catalog.</param>
    /// <param name="options">All options; validated and copied now.</param>
    public static RegularizedMlpBinaryTrainer RegularizedMlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        RegularizedMlpBinaryTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RegularizedMlpBinaryTrainer(options);
    }

    /// <summary>A regularized MLP for multiclass classification (key-typed label, e.g. from MapValueToKey).</summary>
    /// <param name="catalog">The multiclass classification trainer catalog.</param>
    /// <param name="labelColumnName">Key-typed label column. Default "Label".</param>
    /// <param name="featureColumnName">Known-size Single vector column. Default "Features".</param>
    /// <param name="exampleWeightColumnName">Optional non-negative weight column. Default null.</param>
    /// <param name="hiddenLayers">Hidden widths, input side first. Default null = [256, 128]; each ≥ 1.</param>
    /// <param name="dropoutRate">Target hidden dropout rate. Default 0.3; range [0, 1).</param>
    /// <param name="weightDecay">Decoupled (AdamW) weight decay. Default 0.01; ≥ 0.</param>
    /// <param name="learningRate">Peak learning rate. Default 1e-3; range (0, 10].</param>
    /// <param name="maxEpochs">Maximum epochs (early stopping may end sooner). Default 50; ≥ 1.</param>
    /// <param name="seed">Seed of initialization, shuffling, split and dropout. Default 0.</param>
    public static RegularizedMlpMulticlassTrainer RegularizedMlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int[]? hiddenLayers = null, double dropoutRate = MlpArchitecture.Defaults.DropoutRate,
        double weightDecay = MlpTrainerOptions.Defaults.WeightDecay, double learningRate = MlpTrainerOptions.Defaults.LearningRate,
        int maxEpochs = MlpTrainerOptions.Defaults.MaxEpochs, int seed = MlpTrainerOptions.Defaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RegularizedMlpMulticlassTrainer(Fill(new RegularizedMlpMulticlassTrainer.Options(), labelColumnName, featureColumnName,
            exampleWeightColumnName, hiddenLayers, dropoutRate, weightDecay, learningRate, maxEpochs, seed));
    }

    /// <summary>A regularized MLP for multiclass classification, configured by <paramref name="options"/>.</summary>
    /// <param name="catalog">The multiclass classification trainer catalog.</param>
    /// <param name="options">All options; validated and copied now.</param>
    public static RegularizedMlpMulticlassTrainer RegularizedMlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        RegularizedMlpMulticlassTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RegularizedMlpMulticlassTrainer(options);
    }

    /// <summary>A regularized MLP for regression (Single or Double label).</summary>
    /// <param name="catalog">The regression trainer catalog.</param>
    /// <param name="labelColumnName">Single/Double label column. Default "Label".</param>
    /// <param name="featureColumnName">Known-size Single vector column. Default "Features".</param>
    /// <param name="exampleWeightColumnName">Optional non-negative weight column. Default null.</param>
    /// <param name="hiddenLayers">Hidden widths, input side first. Default null = [256, 128]; each ≥ 1.</param>
    /// <param name="dropoutRate">Target hidden dropout rate. Default 0.3; range [0, 1).</param>
    /// <param name="weightDecay">Decoupled (AdamW) weight decay. Default 0.01; ≥ 0.</param>
    /// <param name="learningRate">Peak learning rate. Default 1e-3; range (0, 10].</param>
    /// <param name="maxEpochs">Maximum epochs (early stopping may end sooner). Default 50; ≥ 1.</param>
    /// <param name="seed">Seed of initialization, shuffling, split and dropout. Default 0.</param>
    public static RegularizedMlpRegressionTrainer RegularizedMlp(this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int[]? hiddenLayers = null, double dropoutRate = MlpArchitecture.Defaults.DropoutRate,
        double weightDecay = MlpTrainerOptions.Defaults.WeightDecay, double learningRate = MlpTrainerOptions.Defaults.LearningRate,
        int maxEpochs = MlpTrainerOptions.Defaults.MaxEpochs, int seed = MlpTrainerOptions.Defaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RegularizedMlpRegressionTrainer(Fill(new RegularizedMlpRegressionTrainer.Options(), labelColumnName, featureColumnName,
            exampleWeightColumnName, hiddenLayers, dropoutRate, weightDecay, learningRate, maxEpochs, seed));
    }

    /// <summary>A regularized MLP for regression, configured by <paramref name="options"/>.</summary>
    /// <param name="catalog">The regression trainer catalog.</param>
    /// <param name="options">All options; validated and copied now.</param>
    public static RegularizedMlpRegressionTrainer RegularizedMlp(this RegressionCatalog.RegressionTrainers catalog,
        RegularizedMlpRegressionTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RegularizedMlpRegressionTrainer(options);
    }

    private static T Fill<T>(T options, string label, string features, string? weight, int[]? hiddenLayers, double dropoutRate,
        double weightDecay, double learningRate, int maxEpochs, int seed) where T : RegularizedMlpOptionsBase
    {
        options.LabelColumnName = label;
        options.FeatureColumnName = features;
        options.ExampleWeightColumnName = weight;
        if (hiddenLayers != null) options.HiddenLayers = hiddenLayers;
        options.DropoutRate = dropoutRate;
        options.WeightDecay = weightDecay;
        options.LearningRate = learningRate;
        options.MaxEpochs = maxEpochs;
        options.Seed = seed;
        return options;
    }
}
