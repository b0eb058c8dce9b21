using Microsoft.Extensions.Logging;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>A final model no better than the class prior (or the mean) is a warning in the result and in the log; BatchNorm with one-row batches is refused up front.</summary>
[Collection("Sequential")]
public class NoSkillCheckTests
{
    private static MlpClassificationOptions Overfitting(ListLogger logger, int maxEpochs = 15)
    {
        var options = TrainerTestOptions.Small(maxEpochs);
        options.DropoutRate = 0;
        options.EarlyStoppingPatience = null;
        options.RestoreBestWeights = false;
        options.Logger = logger;
        return options;
    }

    [Theory]
    [InlineData(4)]
    [InlineData(2)]
    public void Fit_RandomLabels_WarnsNoBetterThanClassPriorInResultAndLog(int classes)
    {
        var train = SyntheticData.RandomLabels(SyntheticData.FourClass(300, 12, 4, seed: 31, classes), classes, seed: 32);
        var valid = SyntheticData.RandomLabels(SyntheticData.FourClass(200, 12, 4, seed: 33, classes), classes, seed: 34);
        var logger = new ListLogger();
        var task = classes == 2 ? TrainingTask.Binary : TrainingTask.Multiclass(classes);

        var result = new MlpTrainer(Overfitting(logger), task).Fit(train, valid);

        string warning = Assert.Single(result.Warnings, w => w.Contains("no better than the class prior"));
        Assert.Contains($"(epoch {result.History.Count})", warning);
        int logged = logger.Entries.FindIndex(e => e.Message == warning);
        Assert.True(logged >= 0, "the warning was not logged");
        Assert.Equal((LogLevel.Warning, "ModelWarning"), (logger.Levels[logged], logger.Entries[logged].Id.Name));
    }

    [Fact]
    public void Fit_LearnableLabels_NoNoSkillWarning()
    {
        var train = SyntheticData.FourClass(300, 12, 4, seed: 31);
        var valid = SyntheticData.FourClass(200, 12, 4, seed: 33);
        var result = new MlpTrainer(Overfitting(new ListLogger(), maxEpochs: 8), TrainerTestOptions.FourClasses).Fit(train, valid);
        Assert.DoesNotContain(result.Warnings, w => w.Contains("no better"));
    }

    [Fact]
    public void Fit_RegressionOnShuffledTargets_WarnsNoBetterThanTheMean()
    {
        var data = SyntheticData.Regression(400, 6, seed: 35);
        var shuffled = data.Labels.ToArray();
        var random = new Random(36);
        random.Shuffle(shuffled);
        var noise = new TrainingData(data.Features, data.RowCount, data.FeatureCount, shuffled);
        var options = new MlpRegressionOptions { HiddenLayers = new[] { 32, 16 }, BatchSize = 32, MaxEpochs = 15, LearningRate = 1e-2, WarmupEpochs = 1, NumberOfThreads = 1,
            DropoutRate = 0, EarlyStoppingPatience = null, RestoreBestWeights = false, ValidationFraction = 0.3 };

        var result = new MlpTrainer(options, TrainingTask.Regression).Fit(noise);

        Assert.Contains(result.Warnings, w => w.Contains("no better than predicting the mean"));
    }

    [Fact]
    public void Validate_BatchNormWithBatchSize1_RefusedNamingTheFix()
    {
        var options = new MlpTrainerOptions { Normalization = Normalization.BatchNorm, BatchSize = 1 };
        var ex = Assert.Throws<ArgumentException>(() => options.Validate(TrainerTestOptions.FourClasses));
        Assert.Contains("Normalization = BatchNorm with BatchSize = 1", ex.Message);
        Assert.Contains("Use BatchSize ≥ 2 (e.g. 32), or Normalization = LayerNorm.", ex.Message);
    }

    [Fact]
    public void Resolve_BatchNormWithOneTrainingRow_RefusedNamingTheFix()
    {
        var options = new MlpTrainerOptions { Normalization = Normalization.BatchNorm };
        var ex = Assert.Throws<ArgumentException>(() => ResolvedSettings.Resolve(options, trainingRows: 1, validationRows: 0));
        Assert.Contains("BatchNorm needs batches of at least 2 rows", ex.Message);
        Assert.Equal(2, ResolvedSettings.Resolve(options, trainingRows: 2, validationRows: 0).BatchSize);
    }
}
