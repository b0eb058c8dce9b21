using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Estimators;
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
    /// <inheritdoc cref="Simple{T}" path="/param"/>
    public static RegularizedMlpBinaryTrainer RegularizedMlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = Defaults.LabelColumnName, string featureColumnName = Defaults.FeatureColumnName, string? exampleWeightColumnName = null,
        int[]? hiddenLayers = null, double dropoutRate = Defaults.DropoutRate, double weightDecay = Defaults.WeightDecay, double learningRate = Defaults.LearningRate,
        int? maxEpochs = null, int? batchSize = null, int seed = Defaults.Seed) =>
        new(Simple<RegularizedMlpBinaryTrainer.Options>(catalog, labelColumnName, featureColumnName, exampleWeightColumnName, hiddenLayers, dropoutRate, weightDecay, learningRate, maxEpochs, batchSize, seed));

    /// <summary>A regularized MLP for binary classification, configured by <paramref name="options"/>.</summary>
    /// <param name="catalog">The binary classification trainer catalog.</param>
    /// <param name="options">All options; validated and copied now.</param>
    public static RegularizedMlpBinaryTrainer RegularizedMlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        RegularizedMlpBinaryTrainer.Options options) => new(NotNull(catalog, options));

    /// <summary>A regularized MLP for multiclass classification (key-typed label, e.g. from MapValueToKey).</summary>
    /// <inheritdoc cref="Simple{T}" path="/param"/>
    public static RegularizedMlpMulticlassTrainer RegularizedMlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = Defaults.LabelColumnName, string featureColumnName = Defaults.FeatureColumnName, string? exampleWeightColumnName = null,
        int[]? hiddenLayers = null, double dropoutRate = Defaults.DropoutRate, double weightDecay = Defaults.WeightDecay, double learningRate = Defaults.LearningRate,
        int? maxEpochs = null, int? batchSize = null, int seed = Defaults.Seed) =>
        new(Simple<RegularizedMlpMulticlassTrainer.Options>(catalog, labelColumnName, featureColumnName, exampleWeightColumnName, hiddenLayers, dropoutRate, weightDecay, learningRate, maxEpochs, batchSize, seed));

    /// <summary>A regularized MLP for multiclass classification, configured by <paramref name="options"/>.</summary>
    /// <param name="catalog">The multiclass classification trainer catalog.</param>
    /// <param name="options">All options; validated and copied now.</param>
    public static RegularizedMlpMulticlassTrainer RegularizedMlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        RegularizedMlpMulticlassTrainer.Options options) => new(NotNull(catalog, options));

    /// <summary>A regularized MLP for regression (Single or Double label).</summary>
    /// <inheritdoc cref="Simple{T}" path="/param"/>
    public static RegularizedMlpRegressionTrainer RegularizedMlp(this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = Defaults.LabelColumnName, string featureColumnName = Defaults.FeatureColumnName, string? exampleWeightColumnName = null,
        int[]? hiddenLayers = null, double dropoutRate = Defaults.DropoutRate, double weightDecay = Defaults.WeightDecay, double learningRate = Defaults.LearningRate,
        int? maxEpochs = null, int? batchSize = null, int seed = Defaults.Seed) =>
        new(Simple<RegularizedMlpRegressionTrainer.Options>(catalog, labelColumnName, featureColumnName, exampleWeightColumnName, hiddenLayers, dropoutRate, weightDecay, learningRate, maxEpochs, batchSize, seed));

    /// <summary>A regularized MLP for regression, configured by <paramref name="options"/>.</summary>
    /// <param name="catalog">The regression trainer catalog.</param>
    /// <param name="options">All options; validated and copied now.</param>
    public static RegularizedMlpRegressionTrainer RegularizedMlp(this RegressionCatalog.RegressionTrainers catalog,
        RegularizedMlpRegressionTrainer.Options options) => new(NotNull(catalog, options));

    private static T NotNull<T>(object catalog, T options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return options;
    }

    /// <summary>The options of a simple overload: defaults plus the values given.</summary>
    /// <param name="catalog">The trainer catalog of the task.</param>
    /// <param name="labelColumnName">Label column: Boolean (binary), key (multiclass) or Single/Double (regression). Default "Label".</param>
    /// <param name="featureColumnName">Known-size Single vector column. Default "Features".</param>
    /// <param name="exampleWeightColumnName">Optional non-negative weight column. Default null.</param>
    /// <param name="hiddenLayers">Hidden widths, input side first. Default null = [256, 128]; each ≥ 1.</param>
    /// <param name="dropoutRate">Target hidden dropout rate. Default 0.3; range [0, 1).</param>
    /// <param name="weightDecay">Decoupled (AdamW) weight decay. Default 0.01; ≥ 0.</param>
    /// <param name="learningRate">Peak learning rate. Default 1e-3; range (0, 10].</param>
    /// <param name="maxEpochs">Maximum epochs (early stopping may end sooner); ≥ 1. Default null = by rule (about 1,500 optimizer steps, 50–400 epochs).</param>
    /// <param name="batchSize">Rows per minibatch. Default null = min(256, training rows); ≥ 1, capped at the training rows.</param>
    /// <param name="seed">Seed of initialization, shuffling, split and dropout. Default 0.</param>
    private static T Simple<T>(object catalog, string labelColumnName, string featureColumnName, string? exampleWeightColumnName,
        int[]? hiddenLayers, double dropoutRate, double weightDecay, double learningRate, int? maxEpochs, int? batchSize, int seed)
        where T : MlpTrainerOptions, IRegularizedMlpDataOptions, new()
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var options = new T
        {
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            ExampleWeightColumnName = exampleWeightColumnName,
            DropoutRate = dropoutRate,
            WeightDecay = weightDecay,
            LearningRate = learningRate,
            MaxEpochs = maxEpochs,
            BatchSize = batchSize,
            Seed = seed,
        };
        if (hiddenLayers != null) options.HiddenLayers = hiddenLayers;
        return options;
    }
}
