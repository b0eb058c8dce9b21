using System.Diagnostics;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Schedules;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Training;

[Collection("Sequential")]
public class MlpTrainerTests
{
    private static readonly TrainingTask FourClasses = TrainingTask.Multiclass(4);

    /// <summary>The plain MLP (no tabular front): these tests reach into its parameters and feed it raw extremes.</summary>
    private static MlpClassificationOptions SmallMulticlass(int seed = 0) => new()
    {
        Preprocessing = FeaturePreprocessing.None, NumericEmbedding = NumericEmbeddingKind.None,
        HiddenLayers = new[] { 32, 16 }, DropoutRate = 0.3,
        BatchSize = 32,
        MaxEpochs = 6,
        LearningRate = 3e-3,
        WarmupEpochs = 1,
        Seed = seed,
        NumberOfThreads = 1,
    };

    private static float[] AllWeights(MlpSnapshot snapshot) => TrainerTestOptions.DenseWeights(snapshot);

    [Fact]
    public void Fit_SameSeedTwice_BitIdenticalWeights_DifferentSeedDiffers()
    {
        var data = SyntheticData.FourClass(200, 12, 4, seed: 1);
        var a = new MlpTrainer(SmallMulticlass(seed: 5), FourClasses).Fit(data);
        var b = new MlpTrainer(SmallMulticlass(seed: 5), FourClasses).Fit(data);
        var c = new MlpTrainer(SmallMulticlass(seed: 6), FourClasses).Fit(data);
        Assert.Equal(AllWeights(a.Model), AllWeights(b.Model));
        Assert.Equal(a.History.Select(h => h.TrainLoss), b.History.Select(h => h.TrainLoss));
        Assert.NotEqual(AllWeights(a.Model), AllWeights(c.Model));
    }

    [Fact]
    public void Fit_EvalMode_PredictionsDeterministicWhileTrainModeIsNot()
    {
        var data = SyntheticData.FourClass(120, 12, 4, seed: 2);
        bool evalSame = false, trainSame = true;
        var options = SmallMulticlass();
        options.MaxEpochs = 2;
        options.DropoutRate = 0.5;
        options.DropoutSchedule = new ConstantDropoutSchedule();
        options.Callbacks.Add(new RecordingCallback
        {
            OnTrainEndAction = ctx =>
            {
                using var x = torch.tensor(data.Features, new long[] { data.RowCount, data.FeatureCount });
                using var noGrad = torch.no_grad();
                using var e1 = ctx.Model.forward(x);
                using var e2 = ctx.Model.forward(x);
                evalSame = e1.data<float>().ToArray().SequenceEqual(e2.data<float>().ToArray());
                ctx.Model.train();
                using var t1 = ctx.Model.forward(x);
                using var t2 = ctx.Model.forward(x);
                trainSame = t1.data<float>().ToArray().SequenceEqual(t2.data<float>().ToArray());
                ctx.Model.eval();
            },
        });
        new MlpTrainer(options, FourClasses).Fit(data);
        Assert.True(evalSame);
        Assert.False(trainSame);
    }

    [Fact]
    public void Fit_WeightTurnedNaNAtEpoch3_ThrowsNamingEpochBatchAndLearningRate()
    {
        var data = SyntheticData.FourClass(128, 12, 4, seed: 3);
        var options = SmallMulticlass();
        options.LearningRateSchedule = LearningRateScheduleKind.Constant;
        options.GradientClipNorm = null;
        options.ValidationFraction = 0;
        options.Callbacks.Add(new RecordingCallback
        {
            OnEpochBeginAction = ctx =>
            {
                if (ctx.Epoch != 3) return;
                using var noGrad = torch.no_grad();
                ctx.Model.named_parameters().First(p => p.name == "output.weight").parameter.fill_(float.NaN);
            },
        });
        var ex = Assert.Throws<InvalidOperationException>(() => new MlpTrainer(options, FourClasses).Fit(data));
        Assert.Equal("Training diverged: loss is NaN at epoch 3, batch 1 of 4. Lower LearningRate (now 0.003), " +
                     "check features for extreme values, or set GradientClipNorm.", ex.Message);
    }

    [Fact]
    public void Fit_ExtremeFeatureValues_ThrowsDivergedAtFirstBatch()
    {
        var data = SyntheticData.FourClass(64, 12, 4, seed: 4);
        for (int i = 0; i < data.Features.Length; i += 12) data.Features[i] = 3e38f;
        var options = SmallMulticlass();
        options.ValidationFraction = 0;
        var ex = Assert.Throws<InvalidOperationException>(() => new MlpTrainer(options, FourClasses).Fit(data));
        Assert.StartsWith("Training diverged: loss is NaN at epoch 1, batch 1 of 2.", ex.Message);
        Assert.EndsWith("check features for extreme values, or lower GradientClipNorm (now 1).", ex.Message);
    }

    [Fact]
    public void Fit_CancelledDuringEpoch3_StopsWithCancelledAndCompletedEpochsOnly()
    {
        var data = SyntheticData.FourClass(200, 12, 4, seed: 5);
        using var cts = new CancellationTokenSource();
        var options = SmallMulticlass();
        options.MaxEpochs = 10;
        var recorder = new RecordingCallback { RecordWeights = true, OnBatchEndAction = ctx => { if (ctx.Epoch == 3 && ctx.Batch == 1) cts.Cancel(); } };
        options.Callbacks.Add(recorder);
        var progress = new CollectingProgress();
        var result = new MlpTrainer(options, FourClasses).Fit(data, progress: progress, cancellationToken: cts.Token);
        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Equal("The CancellationToken was cancelled during epoch 3; that unfinished epoch was discarded.", result.StopMessage);
        Assert.Equal(2, result.History.Count);
        Assert.Equal(2, progress.Reports.Count);
        Assert.InRange(result.BestEpoch, 1, 2);
        // The two batches of epoch 3 were undone: the weights are the best completed epoch's.
        Assert.Equal(recorder.EpochWeights[result.BestEpoch], recorder.FinalWeights);
    }

    [Fact]
    public void Fit_Progress_ReportsOncePerEpochInOrder()
    {
        var data = SyntheticData.FourClass(150, 12, 4, seed: 6);
        var progress = new CollectingProgress();
        var options = SmallMulticlass();
        options.EarlyStoppingPatience = null;
        var result = new MlpTrainer(options, FourClasses).Fit(data, progress: progress);
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, progress.Reports.Select(r => r.Epoch));
        Assert.Equal(result.History, progress.Reports);
        Assert.Equal(StopReason.MaxEpochsReached, result.StopReason);
        Assert.All(result.History, h => { Assert.NotNull(h.ValidLoss); Assert.NotNull(h.ValidMetric); Assert.Equal(2, h.DropoutRates.Count); });
        // Default schedule: linear ramp from a third of the target rate.
        Assert.Equal(0.1, result.History[0].DropoutRates[0], 9);
    }

    [Fact]
    public void Fit_Callbacks_RunInOrderAndStopRequestEndsTraining()
    {
        var data = SyntheticData.FourClass(100, 12, 4, seed: 7);
        var log = new List<string>();
        var options = SmallMulticlass();
        options.Callbacks.Add(new RecordingCallback { Name = "late", Order = 5, Log = log });
        options.Callbacks.Add(new RecordingCallback { Name = "early", Order = -1, Log = log, StopAtEpoch = 2 });
        options.Callbacks.Add(new RecordingCallback { Name = "mid", Log = log });
        var result = new MlpTrainer(options, FourClasses).Fit(data);
        Assert.Equal(StopReason.CallbackRequested, result.StopReason);
        Assert.Equal(2, result.History.Count);
        Assert.Equal(new[] { "early:TrainBegin", "mid:TrainBegin", "late:TrainBegin", "early:EpochBegin1", "mid:EpochBegin1", "late:EpochBegin1" }, log.Take(6));
        Assert.Equal(new[] { "early:TrainEnd", "mid:TrainEnd", "late:TrainEnd" }, log.TakeLast(3));
    }

    [Fact]
    public void Fit_RandomValidationLabels_EarlyStopsAndRestoresBestEpochWeights()
    {
        var train = SyntheticData.FourClass(240, 20, 4, seed: 8);
        var valid = SyntheticData.RandomLabels(SyntheticData.FourClass(120, 20, 4, seed: 9), 4, seed: 10);
        var recorder = new RecordingCallback { RecordWeights = true };
        var options = SmallMulticlass();
        options.MaxEpochs = 40;
        options.EarlyStoppingPatience = 3;
        options.LearningRate = 1e-2;
        options.DropoutRate = 0;
        options.Callbacks.Add(recorder);
        var result = new MlpTrainer(options, FourClasses).Fit(train, valid);

        Assert.Equal(StopReason.EarlyStopping, result.StopReason);
        Assert.Equal($"ValidationLoss did not improve by more than 0 for 3 epochs (best {result.History[result.BestEpoch - 1].ValidLoss!.Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)} at epoch {result.BestEpoch}).", result.StopMessage);
        Assert.True(result.History.Count < 40);
        Assert.True(result.BestEpoch < result.History.Count, "precondition: the best epoch is not the last one");
        var bestLoss = result.History.Min(h => h.ValidLoss!.Value);
        Assert.Equal(bestLoss, result.History[result.BestEpoch - 1].ValidLoss);
        Assert.Equal(recorder.EpochWeights[result.BestEpoch], recorder.FinalWeights);
        Assert.NotEqual(recorder.EpochWeights[result.History.Count]["output.weight"], recorder.FinalWeights["output.weight"]);
        var output = result.Model.Layers.OfType<DenseLayer>().Single(l => l.Name == "output");
        Assert.Equal(recorder.EpochWeights[result.BestEpoch]["output.weight"], output.Weight);
    }

    [Fact]
    public void Fit_ReduceOnPlateauWithRandomValidationLabels_HalvesLearningRate()
    {
        var train = SyntheticData.FourClass(240, 20, 4, seed: 8);
        var valid = SyntheticData.RandomLabels(SyntheticData.FourClass(120, 20, 4, seed: 9), 4, seed: 10);
        var options = SmallMulticlass();
        options.MaxEpochs = 12;
        options.EarlyStoppingPatience = 4; // plateau patience = max(2, 4/2) = 2
        options.LearningRate = 1e-2;
        options.LearningRateSchedule = LearningRateScheduleKind.ReduceOnPlateau;
        var result = new MlpTrainer(options, FourClasses).Fit(train, valid);
        var rates = result.History.Select(h => h.LearningRate).ToArray();
        Assert.Equal(1e-2, rates[0]);
        Assert.All(rates.Zip(rates.Skip(1)), pair => Assert.True(pair.Second == pair.First || pair.Second == pair.First / 2));
        Assert.Contains(5e-3, rates);
    }

    [Fact]
    public void Fit_RestoreBestWeightsOff_KeepsLastEpochWeights()
    {
        var train = SyntheticData.FourClass(240, 20, 4, seed: 8);
        var valid = SyntheticData.RandomLabels(SyntheticData.FourClass(120, 20, 4, seed: 9), 4, seed: 10);
        var recorder = new RecordingCallback { RecordWeights = true };
        var options = SmallMulticlass();
        options.MaxEpochs = 8;
        options.EarlyStoppingPatience = null;
        options.RestoreBestWeights = false;
        options.LearningRate = 1e-2;
        options.Callbacks.Add(recorder);
        var result = new MlpTrainer(options, FourClasses).Fit(train, valid);
        Assert.Equal(recorder.EpochWeights[8], recorder.FinalWeights);
    }

    [Fact]
    public void Fit_NoValidation_NoEarlyStoppingAndBestIsLast()
    {
        var data = SyntheticData.FourClass(100, 12, 4, seed: 11);
        var options = SmallMulticlass();
        options.ValidationFraction = 0;
        options.EarlyStoppingPatience = 1;
        var result = new MlpTrainer(options, FourClasses).Fit(data);
        Assert.Equal(6, result.History.Count);
        Assert.Equal(6, result.BestEpoch);
        Assert.All(result.History, h => Assert.Null(h.ValidLoss));
        Assert.True(result.Seconds > 0);
    }

    [Fact]
    public void Fit_Regression_StandardizesTargetsAndReportsRmseInLabelUnits()
    {
        var data = SyntheticData.Regression(300, 6, seed: 12);
        var options = new MlpRegressionOptions
        {
            HiddenLayers = new[] { 32 }, DropoutRate = 0.1,
            BatchSize = 32,
            MaxEpochs = 30,
            LearningRate = 1e-2,
            NumberOfThreads = 1,
        };
        var result = new MlpTrainer(options, TrainingTask.Regression).Fit(data);
        var labels = data.Labels.Select(v => (double)v).ToArray();
        Assert.InRange(result.Model.OutputShift, labels.Average() - 20, labels.Average() + 20);
        Assert.InRange(result.Model.OutputScale, 80, 160);
        Assert.Equal(TaskKind.Regression, result.Model.Task);
        double best = result.History.Min(h => h.ValidMetric!.Value);
        Assert.InRange(best, 1, 40); // label std ≈ 112; a fitted net gets well below it
    }

    [Fact]
    public void Fit_BinaryClassWeights_TrainsOneLogit()
    {
        var four = SyntheticData.FourClass(200, 8, 4, seed: 13);
        var data = new TrainingData(four.Features, four.RowCount, four.FeatureCount, four.Labels.Select(v => v < 2 ? 0f : 1f).ToArray());
        var options = new MlpClassificationOptions
        {
            HiddenLayers = new[] { 16 },
            ClassWeights = new[] { 1f, 2f },
            BatchSize = 32, MaxEpochs = 5, NumberOfThreads = 1,
        };
        var result = new MlpTrainer(options, TrainingTask.Binary).Fit(data);
        Assert.Equal(1, result.Model.OutputSize);
        Assert.InRange(result.History[^1].TrainMetric, 0.0, 1.0);
    }

    [Theory]
    [InlineData(TaskKind.BinaryClassification, 2f, "Training data: label of row 3 is 2; BinaryClassification needs labels 0 or 1. (Parameter 'train')")]
    [InlineData(TaskKind.MulticlassClassification, 3.5f, "Training data: label of row 3 is 3.5; MulticlassClassification with ClassCount = 4 needs an integer class index in [0, 3]. (Parameter 'train')")]
    [InlineData(TaskKind.MulticlassClassification, 4f, "Training data: label of row 3 is 4; MulticlassClassification with ClassCount = 4 needs an integer class index in [0, 3]. (Parameter 'train')")]
    [InlineData(TaskKind.Regression, float.NaN, "Training data: label of row 3 is NaN; regression labels must be finite numbers. (Parameter 'train')")]
    public void Fit_InvalidLabel_ThrowsNamingRowAndValue(TaskKind task, float bad, string expected)
    {
        var data = SyntheticData.FourClass(10, 3, 3, seed: 14);
        for (int i = 0; i < data.Labels.Length; i++) data.Labels[i] = 0;
        data.Labels[3] = bad;
        var trainingTask = task switch { TaskKind.BinaryClassification => TrainingTask.Binary, TaskKind.Regression => TrainingTask.Regression, _ => FourClasses };
        var ex = Assert.Throws<ArgumentException>(() => new MlpTrainer(new MlpTrainerOptions(), trainingTask).Fit(data));
        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void Fit_NaNFeatureOrMismatchedValidation_ThrowsWithDetails()
    {
        var data = SyntheticData.FourClass(10, 3, 3, seed: 15);
        var options = new MlpTrainerOptions { Preprocessing = FeaturePreprocessing.None }; // with preprocessing a NaN is imputed (TabularTrainingTests)
        var narrow = new TrainingData(new float[10 * 2], 10, 2, new float[10]);
        var ex = Assert.Throws<ArgumentException>(() => new MlpTrainer(options, FourClasses).Fit(data, narrow));
        Assert.Equal("The validation data has 2 features but the training data has 3: both must have the same feature columns in the same order. (Parameter 'validation')", ex.Message);
        data.Features[2 * 3 + 1] = float.NaN;
        ex = Assert.Throws<ArgumentException>(() => new MlpTrainer(options, FourClasses).Fit(data));
        Assert.Equal("Training data: feature 1 of row 2 is NaN; features must be finite numbers (impute or drop missing values first, or set Preprocessing so missing values are imputed inside the model). (Parameter 'train')", ex.Message);
    }

    [Fact]
    public void Fit_InfiniteFeature_QuantileTakesIt_RobustClipNamesTheRowAndQuantile()
    {
        var data = SyntheticData.FourClass(40, 3, 3, seed: 15);
        data.Features[2 * 3 + 1] = float.PositiveInfinity;
        data.Features[5 * 3 + 1] = float.NegativeInfinity;
        var quantile = new MlpTrainerOptions { Preprocessing = FeaturePreprocessing.Quantile, HiddenLayers = new[] { 8 }, MaxEpochs = 2 };
        var result = new MlpTrainer(quantile, FourClasses).Fit(data);
        Assert.All(result.History, e => Assert.True(double.IsFinite(e.TrainLoss)));

        var robust = new MlpTrainerOptions { Preprocessing = FeaturePreprocessing.RobustClip, HiddenLayers = new[] { 8 }, MaxEpochs = 2 };
        var ex = Assert.Throws<ArgumentException>(() => new MlpTrainer(robust, FourClasses).Fit(data));
        Assert.Equal("Training data: feature 1 of row 2 is Infinity; with Preprocessing = RobustClip features must be finite numbers or NaN (missing, replaced by the training median): " +
            "Preprocessing = Quantile also takes ±∞ (as the column's extreme quantile). (Parameter 'train')", ex.Message);

        var none = new MlpTrainerOptions { Preprocessing = FeaturePreprocessing.None, HiddenLayers = new[] { 8 }, MaxEpochs = 2 };
        ex = Assert.Throws<ArgumentException>(() => new MlpTrainer(none, FourClasses).Fit(data));
        Assert.Equal("Training data: feature 1 of row 2 is Infinity; with Preprocessing = None features must be finite numbers: clip or replace the value, " +
            "or set Preprocessing = Quantile, which takes ±∞ (as the column's extreme quantile). (Parameter 'train')", ex.Message);
    }

    [Fact]
    public void Constructor_OptionsChangedAfterwards_TrainerKeepsItsCopy()
    {
        var options = SmallMulticlass();
        options.MaxEpochs = 2;
        var trainer = new MlpTrainer(options, FourClasses);
        options.MaxEpochs = 50;
        var result = trainer.Fit(SyntheticData.FourClass(60, 12, 4, seed: 16));
        Assert.Equal(2, result.History.Count);
    }

    [Theory]
    [InlineData(DropoutKind.Standard, Normalization.LayerNorm)]
    [InlineData(DropoutKind.Concrete, Normalization.BatchNorm)]
    public void Fit_LiveTensorCount_StableFromEpochToEpoch(DropoutKind kind, Normalization normalization)
    {
        var data = SyntheticData.FourClass(150, 12, 4, seed: 17);
        var counts = new List<long>();
        var options = SmallMulticlass();
        options.DropoutKind = kind;
        options.Normalization = normalization;
        options.EarlyStoppingPatience = null;
        options.L1 = 1e-4;
        options.MaxNorm = 3;
        options.RefitOnAllRows = false; // the epochs of one run
        options.Callbacks.Add(new RecordingCallback { OnBatchEndAction = ctx => { if (ctx.Batch == 0) counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount); } });
        new MlpTrainer(options, FourClasses).Fit(data);
        Assert.Equal(6, counts.Count);
        Assert.All(counts.Skip(2), c => Assert.Equal(counts[1], c));
    }

    [Fact]
    public void Batches_FinalSingleRow_JoinsPreviousBatch()
    {
        Assert.Equal(new[] { (0, 32), (32, 32), (64, 33) }, MlpTrainer.Batches(97, 32));
        Assert.Equal(new[] { (0, 32), (32, 32), (64, 2) }, MlpTrainer.Batches(66, 32));
        Assert.Equal(new[] { (0, 1) }, MlpTrainer.Batches(1, 32));
    }

    [Fact]
    public void ValidationSplit_Classification_StratifiedAndSeeded()
    {
        var labels = Enumerable.Range(0, 100).Select(i => i < 80 ? 0f : 1f).ToArray();
        var data = new TrainingData(Enumerable.Range(0, 100).Select(i => (float)i).ToArray(), 100, 1, labels);
        var (train, valid) = ValidationSplit.Split(data, 0.1, TaskKind.BinaryClassification, seed: 3);
        Assert.NotNull(valid);
        Assert.Equal(8, valid!.Labels.Count(l => l == 0));
        Assert.Equal(2, valid.Labels.Count(l => l == 1));
        Assert.Equal(90, train.RowCount);
        Assert.Empty(train.Features.Intersect(valid.Features));
        var (_, again) = ValidationSplit.Split(data, 0.1, TaskKind.BinaryClassification, seed: 3);
        Assert.Equal(valid.Features, again!.Features);
        var (_, other) = ValidationSplit.Split(data, 0.1, TaskKind.BinaryClassification, seed: 4);
        Assert.NotEqual(valid.Features, other!.Features);
    }
}
