using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>The data-dependent defaults: one rule each for the batch size, the epoch count and the warm-up, recorded with warnings.</summary>
public class ResolvedSettingsTests
{
    [Theory]
    [InlineData(null, 10_000, 256)]
    [InlineData(null, 2_560, 256)]
    [InlineData(null, 2_559, 128)]
    [InlineData(null, 593, 32)]
    [InlineData(null, 120, 16)]
    [InlineData(null, 12, 12)]
    [InlineData(64, 10_000, 64)]
    [InlineData(64, 64, 64)]
    public void Resolve_BatchSize_IsOptionOrPowerOfTwoUpToATenthOfTheRows(int? batchSize, int rows, int expected)
    {
        var settings = ResolvedSettings.Resolve(new MlpTrainerOptions { BatchSize = batchSize }, rows, 0);
        Assert.Equal(expected, settings.BatchSize);
        Assert.Empty(settings.Warnings);
    }

    [Theory]
    [InlineData(null, null, 18_700, 50)]   // 256 rows per batch, 74 steps per epoch: the floor of 50 epochs
    [InlineData(null, null, 11_800, 50)]   // 47 steps per epoch: ⌈1500 / 47⌉ = 32, the floor again
    [InlineData(null, null, 5_000, 75)]    // 20 steps per epoch: ⌈1500 / 20⌉
    [InlineData(null, null, 593, 79)]      // batches of 32, 19 steps per epoch
    [InlineData(null, null, 120, 188)]     // batches of 16, 8 steps per epoch
    [InlineData(null, null, 40, 400)]      // the cap
    [InlineData(null, 50, 593, 125)]       // 12 steps per epoch at the given batch size
    [InlineData(30, null, 593, 30)]
    public void Resolve_MaxEpochs_IsOptionOrAboutFifteenHundredSteps(int? maxEpochs, int? batchSize, int rows, int expected)
    {
        var settings = ResolvedSettings.Resolve(new MlpTrainerOptions { MaxEpochs = maxEpochs, BatchSize = batchSize }, rows, 0);
        Assert.Equal(expected, settings.MaxEpochs);
    }

    [Fact]
    public void Fit_NullMaxEpochs_LoopRunsTheResolvedEpochCount()
    {
        var data = SyntheticData.FourClass(200, 5, 3, seed: 4, classes: 3);
        var options = new MlpTrainerOptions { HiddenLayers = new[] { 4 }, NumberOfThreads = 1, EarlyStoppingPatience = null, ValidationFraction = 0 };
        var result = new MlpTrainer(options, TrainingTask.Multiclass(3)).Fit(data);
        Assert.Equal(ResolvedSettings.MaxEpochsByRule(200, 16), result.Settings!.MaxEpochs);
        Assert.Equal(result.Settings.MaxEpochs, result.History.Count);
        Assert.Equal(StopReason.MaxEpochsReached, result.StopReason);
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
        Assert.Equal(16, settings.BatchSize);
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
        // One run: the refit on all rows (RefitOnAllRowsTests) would add its own 19 batches.
        var options = new MlpTrainerOptions { MaxEpochs = 1, HiddenLayers = new[] { 8 }, NumberOfThreads = 1, RefitOnAllRows = false };
        options.Callbacks.Add(new RecordingCallback { OnBatchEndAction = ctx => sizes.Add(ctx.Batch) });
        var result = new MlpTrainer(options, TrainingTask.Multiclass(3)).Fit(data);
        Assert.Equal(32, result.Settings!.BatchSize); // 540 training rows: the largest power of two ≤ 54
        Assert.Equal((result.Settings.TrainingRows + 31) / 32, sizes.Count);
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
