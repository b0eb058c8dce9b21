using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>The data-dependent defaults: one rule for the batch size and the warm-up, recorded with warnings.</summary>
public class ResolvedSettingsTests
{
    [Theory]
    [InlineData(null, 10_000, 256)]
    [InlineData(null, 120, 120)]
    [InlineData(64, 10_000, 64)]
    [InlineData(64, 64, 64)]
    public void Resolve_BatchSize_IsOptionOrMin256AndRows(int? batchSize, int rows, int expected)
    {
        var settings = ResolvedSettings.Resolve(new MlpTrainerOptions { BatchSize = batchSize }, rows, 0);
        Assert.Equal(expected, settings.BatchSize);
        Assert.Empty(settings.Warnings);
    }

    [Fact]
    public void Resolve_ExplicitBatchSizeAboveRows_CapsAndWarns()
    {
        var settings = ResolvedSettings.Resolve(new MlpTrainerOptions { BatchSize = 300 }, 135, 0);
        Assert.Equal(135, settings.BatchSize);
        Assert.Equal("BatchSize = 300 is more than the 135 training rows (after the validation split): using batches of 135 rows.", Assert.Single(settings.Warnings));
    }

    [Theory]
    [InlineData(50, null, 2)]
    [InlineData(2, null, 1)]
    [InlineData(1, null, 0)]
    [InlineData(50, 5, 5)]
    [InlineData(50, 0, 0)]
    public void Resolve_WarmupEpochs_DefaultClampedBelowMaxEpochs(int maxEpochs, int? warmup, int expected)
    {
        var options = new MlpTrainerOptions { MaxEpochs = maxEpochs, WarmupEpochs = warmup };
        options.Validate(TrainingTask.Binary);
        Assert.Equal(expected, ResolvedSettings.Resolve(options, 1000, 100).WarmupEpochs);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(15, true)]
    [InlineData(99, true)]
    [InlineData(100, false)]
    public void Resolve_ValidationUnder100Rows_Warns(int validationRows, bool warns)
    {
        var settings = ResolvedSettings.Resolve(new MlpTrainerOptions(), 1000, validationRows);
        Assert.Equal(validationRows, settings.ValidationRows);
        if (warns)
            Assert.Equal($"The validation part has only {validationRows} rows (fewer than 100): its loss is noisy, so early stopping and the best epoch are unreliable. " +
                "Pass a larger validation set to Fit, raise ValidationFraction, or set EarlyStoppingPatience = null and use cross-validation.", Assert.Single(settings.Warnings));
        else
            Assert.Empty(settings.Warnings);
    }

    [Fact]
    [Trait("Category", "Training")]
    public void Fit_DefaultOptionsOnFewRows_TrainsWithResolvedBatchAndRecordsWarnings()
    {
        var data = SyntheticData.FourClass(60, 5, 3, seed: 3, classes: 3);
        var result = new MlpTrainer(new MlpTrainerOptions { MaxEpochs = 2, HiddenLayers = new[] { 8 }, NumberOfThreads = 1 }, TrainingTask.Multiclass(3)).Fit(data);
        var settings = Assert.IsType<ResolvedSettings>(result.Settings);
        Assert.Equal(60, settings.TrainingRows + settings.ValidationRows);
        Assert.Equal(settings.TrainingRows, settings.BatchSize);
        Assert.Equal(1, settings.WarmupEpochs);
        Assert.Equal(2, result.History.Count);
        // Two steps on 54 rows learn nothing yet: result.Warnings also holds NoSkillCheck's warning (NoSkillCheckTests).
        Assert.StartsWith($"The validation part has only {settings.ValidationRows} rows", Assert.Single(settings.Warnings));
        Assert.Equal(settings.Warnings, result.Warnings.Take(1));
    }

    [Fact]
    public void Fit_WithLogger_WritesEachWarningAtWarningLevelBeforeTheFirstEpoch()
    {
        var data = SyntheticData.FourClass(60, 5, 3, seed: 3, classes: 3);
        var logger = new ListLogger();
        var options = new MlpTrainerOptions { MaxEpochs = 1, BatchSize = 500, HiddenLayers = new[] { 8 }, NumberOfThreads = 1, Logger = logger };
        var result = new MlpTrainer(options, TrainingTask.Multiclass(3)).Fit(data);
        Assert.Equal(2, result.Settings!.Warnings.Count);
        Assert.Equal(result.Settings.Warnings, logger.Entries.Where(e => e.Id.Name == "SettingsWarning").Select(e => e.Message));
        Assert.Equal(new[] { Microsoft.Extensions.Logging.LogLevel.Warning, Microsoft.Extensions.Logging.LogLevel.Warning }, logger.Levels.Take(2));
        Assert.Equal(new[] { "Validation", "Epoch" }, logger.Entries.Skip(2).Take(2).Select(e => e.Id.Name)); // the validation source, then the first epoch
    }

    [Fact]
    public void Fit_NullBatchSize_LoopRunsBatchesOfTheResolvedSize()
    {
        var data = SyntheticData.FourClass(600, 5, 3, seed: 4, classes: 3);
        var sizes = new List<int>();
        var options = new MlpTrainerOptions { MaxEpochs = 1, HiddenLayers = new[] { 8 }, NumberOfThreads = 1 };
        options.Callbacks.Add(new RecordingCallback { OnBatchEndAction = ctx => sizes.Add(ctx.Batch) });
        var result = new MlpTrainer(options, TrainingTask.Multiclass(3)).Fit(data);
        Assert.Equal(256, result.Settings!.BatchSize);
        Assert.Equal((result.Settings.TrainingRows + 255) / 256, sizes.Count);
    }

    [Fact]
    public void Fit_TwoEpochsWithDefaultWarmup_TrainsAsWithExplicitWarmupOfOne()
    {
        var data = SyntheticData.FourClass(200, 5, 3, seed: 5, classes: 3);
        MlpTrainerOptions Options(int? warmup) => new() { MaxEpochs = 2, WarmupEpochs = warmup, BatchSize = 32, HiddenLayers = new[] { 8 }, NumberOfThreads = 1, Seed = 2 };
        var byRule = new MlpTrainer(Options(null), TrainingTask.Multiclass(3)).Fit(data);
        var explicitOne = new MlpTrainer(Options(1), TrainingTask.Multiclass(3)).Fit(data);
        var explicitZero = new MlpTrainer(Options(0), TrainingTask.Multiclass(3)).Fit(data);
        Assert.Equal(explicitOne.History.Select(h => h.LearningRate), byRule.History.Select(h => h.LearningRate));
        Assert.Equal(explicitOne.History.Select(h => h.TrainLoss), byRule.History.Select(h => h.TrainLoss));
        Assert.NotEqual(explicitZero.History.Select(h => h.TrainLoss), byRule.History.Select(h => h.TrainLoss));
    }
}
