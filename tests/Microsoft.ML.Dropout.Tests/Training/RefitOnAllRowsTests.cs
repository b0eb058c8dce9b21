using Microsoft.Extensions.Logging;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>
/// <c>RefitOnAllRows</c>: the returned model is a second run on all the training rows, from the same seed, with the
/// first run's batch size and planned epochs, stopped at its best epoch; the history is the first run's; no refit
/// where it does not apply.
/// </summary>
[Collection("Sequential")]
public class RefitOnAllRowsTests
{
    /// <summary>Noisy labels: the validation loss gets worse after the first epochs, so the best epoch is before the last.</summary>
    private static TrainingData Noisy(int seed) => SyntheticData.RandomLabels(SyntheticData.FourClass(160, 12, 4, seed: seed), 4, seed: seed + 1);

    private static MlpClassificationOptions Options(bool refit, int maxEpochs = 10)
    {
        var options = TrainerTestOptions.Small(maxEpochs);
        options.HiddenLayers = new[] { 64 };
        options.DropoutRate = 0;
        options.LearningRate = 0.05;
        options.EarlyStoppingPatience = null;
        options.ValidationFraction = 0.2;
        options.WeightAveragingDecay = 0.9;
        options.RefitOnAllRows = refit;
        return options;
    }

    /// <summary>Stops after a given epoch (what the refit's own limit must do).</summary>
    private sealed class StopAfter(int epoch) : ITrainingCallback
    {
        public void OnEpochEnd(TrainingContext context)
        {
            if (context.Epoch >= epoch)
                context.Stop(StopReason.CallbackRequested, "test");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // batch size and epochs by rule: 264 training rows give batches of 16 and 89 epochs, all 330 rows would give 32 and 137 (or 72 with batches of 16), so the refit must keep the first run's plan
    public void Fit_Refit_ModelIsARunOnAllRowsForTheBestEpochs_HistoryIsTheFirstRuns(bool byRule)
    {
        var data = byRule ? SyntheticData.FourClass(330, 12, 4, seed: 60) : Noisy(60); // clean labels: the best epoch comes after the warm-up
        MlpClassificationOptions Configured(bool refit)
        {
            var options = Options(refit);
            if (byRule)
            {
                options.BatchSize = null;
                options.MaxEpochs = null;
                options.WarmupEpochs = null;
                options.EarlyStoppingPatience = 4;
                options.LearningRate = 1e-3;
            }
            return options;
        }
        var plain = new MlpTrainer(Configured(false), TrainerTestOptions.FourClasses).Fit(data);
        var refit = new MlpTrainer(Configured(true), TrainerTestOptions.FourClasses).Fit(data);
        if (byRule)
        {
            Assert.Equal((16, 89, 2), (plain.Settings!.BatchSize, plain.Settings.MaxEpochs, plain.Settings.WarmupEpochs));
            Assert.True(plain.BestEpoch > 10, $"best epoch {plain.BestEpoch}: the cosine part of the schedule must matter");
        }

        Assert.InRange(plain.BestEpoch, 1, plain.History.Count - 1); // the refit must stop early, not run all epochs
        Assert.Equal(plain.BestEpoch, refit.BestEpoch);
        Assert.Equal(plain.History.Select(h => h.ValidLoss), refit.History.Select(h => h.ValidLoss));
        Assert.Equal(plain.StopReason, refit.StopReason);
        Assert.Equal(plain.BestEpoch, refit.RefitEpochs);
        Assert.Null(plain.RefitEpochs);

        // By hand: all 160 rows, no validation, the first run's batch size and planned epochs, stopped at its best epoch.
        var byHand = Configured(false);
        byHand.ValidationFraction = 0;
        byHand.EarlyStoppingPatience = null;
        byHand.BatchSize = plain.Settings!.BatchSize;
        byHand.MaxEpochs = plain.Settings.MaxEpochs;
        byHand.WarmupEpochs = plain.Settings.WarmupEpochs;
        byHand.Callbacks.Add(new StopAfter(plain.BestEpoch));
        var expected = new MlpTrainer(byHand, TrainerTestOptions.FourClasses).Fit(data);
        Assert.Equal(plain.BestEpoch, expected.History.Count);
        Assert.Equal(TrainerTestOptions.DenseWeights(expected.Model), TrainerTestOptions.DenseWeights(refit.Model));
        Assert.NotEqual(TrainerTestOptions.DenseWeights(plain.Model), TrainerTestOptions.DenseWeights(refit.Model));
    }

    [Fact]
    public void Fit_RefitWithoutRestoreBest_RunsAsManyEpochsAsTheFirstRun()
    {
        var options = Options(refit: true, maxEpochs: 5);
        options.RestoreBestWeights = false;
        var result = new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(Noisy(62));
        Assert.Equal(5, result.RefitEpochs);
    }

    [Fact]
    public void Fit_Refit_NotAppliedWithAGivenValidationSetOrWithoutASplit()
    {
        var data = Noisy(64);
        var valid = Noisy(66);
        float[] Weights(bool refit, TrainingData? validation, double fraction)
        {
            var options = Options(refit, maxEpochs: 4);
            options.ValidationFraction = fraction;
            var result = new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(data, validation);
            Assert.Null(result.RefitEpochs);
            return TrainerTestOptions.DenseWeights(result.Model);
        }
        Assert.Equal(Weights(false, valid, 0.2), Weights(true, valid, 0.2));
        Assert.Equal(Weights(false, null, 0), Weights(true, null, 0));
    }

    [Fact]
    public void Fit_RefitWithReduceOnPlateau_SkippedWithAWarning()
    {
        var options = Options(refit: true, maxEpochs: 3);
        options.LearningRateSchedule = LearningRateScheduleKind.ReduceOnPlateau;
        var result = new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(Noisy(68));
        Assert.Null(result.RefitEpochs);
        Assert.Contains(result.Warnings, w => w.StartsWith("RefitOnAllRows was not applied: LearningRateSchedule = ReduceOnPlateau", StringComparison.Ordinal));
    }

    [Fact]
    public void Fit_Refit_LogsTheRefitAndItsEpochsPrefixed()
    {
        var logger = new ListLogger();
        var options = Options(refit: true, maxEpochs: 6);
        options.Logger = logger;
        var result = new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(Noisy(74));

        var messages = logger.Entries.Select(e => e.Message).ToList();
        int start = messages.IndexOf($"Refitting on all 160 training rows for {result.RefitEpochs} epochs (RefitOnAllRows)");
        Assert.True(start > 0, "the refit's start is logged after the first run");
        Assert.Equal(result.History.Count, messages.Take(start).Count(m => m.StartsWith("Epoch ", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(1, result.RefitEpochs!.Value).Select(e => $"Refit: Epoch {e}/6: "),
            messages.Skip(start).Where(m => m.StartsWith("Refit: Epoch ", StringComparison.Ordinal)).Select(m => m[..(m.IndexOf(':', 7) + 2)]));
        Assert.DoesNotContain(messages.Skip(start), m => m.StartsWith("Epoch ", StringComparison.Ordinal));
    }

    [Fact]
    public void Fit_RefitWithTemperature_TheFirstRunsTemperatureIsOnTheRefitModel()
    {
        var options = Options(refit: true, maxEpochs: 4);
        options.CalibrateWithTemperature = true;
        var result = new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(Noisy(72));
        Assert.NotNull(result.RefitEpochs);
        Assert.NotNull(result.TemperatureScaling);
        Assert.NotEqual(1.0, result.TemperatureScaling!.Temperature);
        Assert.Equal(result.TemperatureScaling.Temperature, result.Model.Temperature);
    }

    /// <summary>Throws from its second OnTrainBegin, i.e. when the refit starts (as a diverging refit would end).</summary>
    private sealed class FailSecondRun : ITrainingCallback
    {
        private int _runs;
        public void OnTrainBegin(TrainingContext context)
        {
            if (++_runs == 2)
                throw new InvalidOperationException("the refit diverged");
        }
    }

    [Fact]
    public void Fit_RefitFails_ReturnsTheFirstRunsModelWithAWarning()
    {
        var data = Noisy(76);
        var plain = new MlpTrainer(Options(refit: false, maxEpochs: 4), TrainerTestOptions.FourClasses).Fit(data);
        var options = Options(refit: true, maxEpochs: 4);
        options.Callbacks.Add(new FailSecondRun());
        var result = new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(data);

        Assert.Null(result.RefitEpochs);
        Assert.Equal(TrainerTestOptions.DenseWeights(plain.Model), TrainerTestOptions.DenseWeights(result.Model));
        Assert.Contains(result.Warnings, w => w.StartsWith("RefitOnAllRows was not applied: the refit on all 160 training rows failed (the refit diverged).", StringComparison.Ordinal));
    }

    /// <summary>Cancels the token when the trainer logs that the refit starts.</summary>
    private sealed class CancelOnRefit(CancellationTokenSource source) : ILogger
    {
        public bool SawRefit { get; private set; }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name != "Refit")
                return;
            SawRefit = true;
            source.Cancel();
        }
    }

    [Fact]
    public void Fit_RefitCancelled_ReturnsTheFirstRunsModelAsCancelled()
    {
        var data = Noisy(70);
        var plain = new MlpTrainer(Options(refit: false, maxEpochs: 4), TrainerTestOptions.FourClasses).Fit(data);
        using var source = new CancellationTokenSource();
        var logger = new CancelOnRefit(source);
        var options = Options(refit: true, maxEpochs: 4);
        options.Logger = logger;
        var result = new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(data, cancellationToken: source.Token);

        Assert.True(logger.SawRefit);
        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Contains("refit on all rows", result.StopMessage);
        Assert.Null(result.RefitEpochs);
        Assert.Equal(TrainerTestOptions.DenseWeights(plain.Model), TrainerTestOptions.DenseWeights(result.Model));
    }
}
