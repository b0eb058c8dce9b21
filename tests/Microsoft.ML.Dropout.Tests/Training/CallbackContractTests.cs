using Microsoft.Extensions.Logging;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Training;
using TorchSharp;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>The callback contract: the batch hooks, stopping with a reason, read-only options, and that a user callback can do what a built-in does.</summary>
[Collection("Sequential")]
public class CallbackContractTests
{
    private static readonly TrainingTask FourClasses = TrainerTestOptions.FourClasses;

    private static MlpTrainerOptions Small(int maxEpochs = 4) => TrainerTestOptions.Small(maxEpochs);

    private static float[] AllWeights(MlpSnapshot snapshot) => TrainerTestOptions.DenseWeights(snapshot);

    /// <summary>Gradient clipping written by a user, against the parameters the context exposes.</summary>
    private sealed class UserGradientClipping(double maxNorm) : ITrainingCallback
    {
        public int Clipped { get; private set; }

        public void OnAfterBackward(TrainingContext context)
        {
            double norm = torch.nn.utils.clip_grad_norm_(context.Parameters.All, maxNorm);
            if (norm > maxNorm) Clipped++;
        }
    }

    [Fact]
    public void Fit_UserGradientClippingWithBuiltInOff_BitIdenticalToBuiltIn()
    {
        var data = SyntheticData.FourClass(200, 12, 4, seed: 31);
        var builtIn = Small();
        builtIn.GradientClipNorm = 0.05;
        var user = Small();
        user.GradientClipNorm = null;
        var clipping = new UserGradientClipping(0.05);
        user.Callbacks.Add(clipping);
        var none = Small();
        none.GradientClipNorm = null;

        var expected = AllWeights(new MlpTrainer(builtIn, FourClasses).Fit(data).Model);
        var actual = AllWeights(new MlpTrainer(user, FourClasses).Fit(data).Model);
        Assert.True(clipping.Clipped > 0, "precondition: the bound is small enough to clip");
        Assert.Equal(expected, actual);
        Assert.NotEqual(expected, AllWeights(new MlpTrainer(none, FourClasses).Fit(data).Model));
    }

    private sealed class HookOrder : ITrainingCallback
    {
        public List<string> Events { get; } = new();
        public bool GradientsInAfterBackward { get; private set; } = true;
        public bool WeightsChangedByStep { get; private set; } = true;
        private float[] _beforeStep = Array.Empty<float>();

        private static torch.Tensor OutputWeight(TrainingContext c) => c.Model.named_parameters().First(p => p.name == "output.weight").parameter;

        public void OnBatchBegin(TrainingContext c) => Events.Add($"begin{c.Epoch}.{c.Batch}@{c.Step}");
        public void OnAfterBackward(TrainingContext c)
        {
            Events.Add("backward");
            GradientsInAfterBackward &= OutputWeight(c).grad is not null;
            _beforeStep = OutputWeight(c).data<float>().ToArray();
        }
        public void OnAfterStep(TrainingContext c)
        {
            Events.Add("step");
            WeightsChangedByStep &= !_beforeStep.SequenceEqual(OutputWeight(c).data<float>().ToArray());
        }
        public void OnBatchEnd(TrainingContext c) => Events.Add("end");
    }

    [Fact]
    public void Fit_BatchHooks_RunInOrderWithGradientsBeforeAndNewWeightsAfterTheStep()
    {
        var options = Small(maxEpochs: 2);
        options.ValidationFraction = 0;
        var hooks = new HookOrder();
        options.Callbacks.Add(hooks);
        new MlpTrainer(options, FourClasses).Fit(SyntheticData.FourClass(64, 12, 4, seed: 32)); // 2 batches per epoch
        Assert.Equal(new[]
        {
            "begin1.0@0", "backward", "step", "end", "begin1.1@1", "backward", "step", "end",
            "begin2.0@2", "backward", "step", "end", "begin2.1@3", "backward", "step", "end",
        }, hooks.Events);
        Assert.True(hooks.GradientsInAfterBackward);
        Assert.True(hooks.WeightsChangedByStep);
    }

    [Fact]
    public void Fit_CallbackStops_ReasonAndMessageReachResult()
    {
        var options = Small(maxEpochs: 6);
        options.Callbacks.Add(new RecordingCallback { Name = "probe", StopAtEpoch = 2 });
        var result = new MlpTrainer(options, FourClasses).Fit(SyntheticData.FourClass(100, 12, 4, seed: 33));
        Assert.Equal(StopReason.CallbackRequested, result.StopReason);
        Assert.Equal("probe stops at epoch 2.", result.StopMessage);
        Assert.Equal(2, result.History.Count);
    }

    [Fact]
    public void Stop_FirstRequestWinsButCancellationReplacesIt()
    {
        var context = new TrainingContext(new MlpTrainerOptions(), TrainingTask.Binary, 10, 0);
        Assert.False(context.IsStopRequested);
        context.Stop(StopReason.EarlyStopping, "first");
        context.Stop(StopReason.CallbackRequested, "second");
        Assert.Equal((StopReason.EarlyStopping, "first"), (context.StopReason!.Value, context.StopMessage));
        context.Stop(StopReason.Cancelled, "cancelled");
        Assert.Equal((StopReason.Cancelled, "cancelled"), (context.StopReason!.Value, context.StopMessage));
    }

    [Fact]
    public void Fit_CallbackSetsAnOption_IsRefusedNamingTheOption()
    {
        var options = Small(maxEpochs: 3);
        int seen = 0;
        options.Callbacks.Add(new RecordingCallback { OnEpochBeginAction = ctx => { seen = ctx.Options.MaxEpochs ?? 0; ctx.Options.MaxEpochs = 1; } });
        var e = Assert.Throws<InvalidOperationException>(() => new MlpTrainer(options, FourClasses).Fit(SyntheticData.FourClass(100, 12, 4, seed: 34)));
        Assert.Equal("Option 'MaxEpochs' is read-only here: these are the options training runs with, as a callback sees them (TrainingContext.Options). " +
            "Set options before creating the trainer; while training, change what the context offers (e.g. context.SetLearningRate) or keep state in the callback.", e.Message);
        Assert.Equal(3, seen);                                                 // reading works
        Assert.Equal(3, options.MaxEpochs);
    }

    [Fact]
    public void Context_Options_EverySetterAndTheCallbackListAreReadOnly_ACloneIsWritable()
    {
        var context = new TrainingContext(new MlpClassificationOptions { LabelSmoothing = 0.1, HiddenLayers = new[] { 8 } }, TrainingTask.Binary, 10, 0);
        var options = (MlpClassificationOptions)context.Options;
        Assert.True(options.IsReadOnly);
        Assert.Equal(0.1, options.LabelSmoothing);
        Assert.Contains("'LabelSmoothing'", Assert.Throws<InvalidOperationException>(() => options.LabelSmoothing = 0.2).Message);
        Assert.Contains("'HiddenLayers'", Assert.Throws<InvalidOperationException>(() => options.HiddenLayers = new[] { 4 }).Message);
        Assert.Contains("'ClassWeights'", Assert.Throws<InvalidOperationException>(() => options.ClassWeights = new[] { 1f, 2f }).Message);
        Assert.Contains("'Seed'", Assert.Throws<InvalidOperationException>(() => options.Seed = 5).Message);
        Assert.Contains("'ParametricActivation'", Assert.Throws<InvalidOperationException>(() => options.ParametricActivation = true).Message);
        Assert.Throws<NotSupportedException>(() => options.Callbacks.Add(new RecordingCallback()));
        var copy = (MlpClassificationOptions)options.Clone();
        Assert.False(copy.IsReadOnly);
        copy.LabelSmoothing = 0.2;
        Assert.Equal(0.1, options.LabelSmoothing);
    }

    [Fact]
    public void Fit_RestoreBestWeightsWithEarlyStoppingOff_RestoresBestEpoch()
    {
        var train = SyntheticData.FourClass(240, 20, 4, seed: 8);
        var valid = SyntheticData.RandomLabels(SyntheticData.FourClass(120, 20, 4, seed: 9), 4, seed: 10);
        var recorder = new RecordingCallback { RecordWeights = true };
        var options = Small(maxEpochs: 10);
        options.EarlyStoppingPatience = null;
        options.DropoutRate = 0;
        options.Callbacks.Add(recorder);
        var result = new MlpTrainer(options, FourClasses).Fit(train, valid);
        Assert.Equal(StopReason.MaxEpochsReached, result.StopReason);
        Assert.Null(result.StopMessage);
        Assert.Equal(10, result.History.Count);
        Assert.True(result.BestEpoch < 10, "precondition: the best epoch is not the last one");
        Assert.Equal(result.History.Min(h => h.ValidLoss!.Value), result.History[result.BestEpoch - 1].ValidLoss);
        Assert.Equal(recorder.EpochWeights[result.BestEpoch], recorder.FinalWeights);
    }

    [Fact]
    public void Fit_EarlyStoppingStartFromEpoch_IgnoresTheFirstEpochs()
    {
        var train = SyntheticData.FourClass(240, 20, 4, seed: 8);
        var valid = SyntheticData.RandomLabels(SyntheticData.FourClass(120, 20, 4, seed: 9), 4, seed: 10);
        var options = Small(maxEpochs: 30);
        options.EarlyStoppingPatience = 2;
        options.DropoutRate = 0;
        var baseline = new MlpTrainer(options, FourClasses).Fit(train, valid);
        Assert.True(baseline.BestEpoch <= 4, "precondition: without a start epoch the best epoch is early");
        options.EarlyStoppingStartFromEpoch = 5;
        var result = new MlpTrainer(options, FourClasses).Fit(train, valid);
        Assert.Equal(StopReason.EarlyStopping, result.StopReason);
        Assert.True(result.BestEpoch > 5);
        Assert.True(result.History.Count >= 5 + 3);
        Assert.EndsWith($"at epoch {result.BestEpoch}).", result.StopMessage);
    }

    [Fact]
    public void Fit_Logger_WritesEveryEpochTheStopAndTheRestore()
    {
        var train = SyntheticData.FourClass(240, 20, 4, seed: 8);
        var valid = SyntheticData.RandomLabels(SyntheticData.FourClass(120, 20, 4, seed: 9), 4, seed: 10);
        var logger = new ListLogger();
        var options = Small(maxEpochs: 40);
        options.EarlyStoppingPatience = 3;
        options.DropoutRate = 0;
        options.Logger = logger;
        var result = new MlpTrainer(options, FourClasses).Fit(train, valid);

        var epochs = logger.Entries.Where(e => e.Id.Name == "Epoch").Select(e => e.Message).ToArray();
        Assert.Equal(result.History.Count, epochs.Length);
        var first = result.History[0];
        Assert.StartsWith($"Epoch 1/40: train loss {first.TrainLoss.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}, train accuracy ", epochs[0]);
        Assert.Contains(", valid loss ", epochs[0]);
        // After early stopping the stop and the restore are one line (issue 12 scope 6).
        Assert.Equal($"Early stopping at epoch {result.History.Count}; restored epoch {result.BestEpoch} ({result.StopMessage})",
            logger.Entries.Single(e => e.Id.Name == "EarlyStoppingRestored").Message);
        Assert.Equal("Validation: the validation set passed to Fit, 120 rows; 240 rows train", logger.Entries.Single(e => e.Id.Name == "Validation").Message);
    }

    [Fact]
    public void Fit_CallbackStop_LogsTheStopAndNamesTheInternalValidationSplit()
    {
        var data = SyntheticData.FourClass(240, 20, 4, seed: 8);
        var logger = new ListLogger();
        var options = Small(maxEpochs: 10);
        options.Logger = logger;
        options.RefitOnAllRows = false; // the entries of one run (the refit's: RefitOnAllRowsTests)
        options.Callbacks.Add(new RecordingCallback { OnBatchEndAction = ctx => { if (ctx.Epoch == 3) ctx.Stop(StopReason.CallbackRequested, "enough"); } });
        var result = new MlpTrainer(options, FourClasses).Fit(data);

        Assert.Equal(3, result.History.Count);
        Assert.Equal("Training stopped (CallbackRequested): enough", logger.Entries.Single(e => e.Id.Name == "Stopped").Message);
        Assert.DoesNotContain(logger.Entries, e => e.Id.Name == "EarlyStoppingRestored");
        Assert.Equal("Validation: internal validation split (10%) of the training data, 24 rows; 216 rows train", logger.Entries.Single(e => e.Id.Name == "Validation").Message);
    }
}
