using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Metrics;
using Microsoft.ML.Dropout.Modules;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Schedules;
using Microsoft.ML.Dropout.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>
/// That the trainer uses every option it is given (issue 9, scope 6): each test fails when the wiring of one
/// option into the loop is removed, which the modules' own maths tests cannot see.
/// </summary>
[Collection("Sequential")]
public class TrainerWiringTests
{
    private static MlpClassificationOptions Options(int maxEpochs = 4) => TrainerTestOptions.Small(maxEpochs);

    private static MlpTrainer Trainer(MlpTrainerOptions options, TaskKind task = TaskKind.MulticlassClassification) => new(options, TrainingTask.Of(task, 4));

    private static TrainingData Binary(TrainingData four, Func<float, bool> positive) =>
        new(four.Features, four.RowCount, four.FeatureCount, four.Labels.Select(v => positive(v) ? 1f : 0f).ToArray());

    private static Tensor Features(TrainingData data) => torch.tensor(data.Features, new long[] { data.RowCount, data.FeatureCount });

    /// <summary>The mean cross-entropy of the model on all rows, computed here with TorchSharp's own functions.</summary>
    private static double ReferenceLoss(nn.Module<Tensor, Tensor> model, TrainingData data, TaskKind task, double smoothing)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var output = model.forward(Features(data));
        if (task == TaskKind.MulticlassClassification)
            return nn.functional.cross_entropy(output, torch.tensor(data.Labels.Select(v => (long)v).ToArray()), label_smoothing: smoothing).item<float>();
        var target = torch.tensor(data.Labels.Select(v => (float)(v * (1 - smoothing) + smoothing / 2)).ToArray());
        return nn.functional.binary_cross_entropy_with_logits(output.reshape(-1), target).item<float>();
    }

    /// <summary>Compares the loop's losses with <see cref="ReferenceLoss"/>: the batch loss (one batch = every training row) before the step, the validation loss after the epoch, in eval mode.</summary>
    private sealed class LossProbe(TrainingData train, TrainingData valid, TaskKind task, double smoothing) : ITrainingCallback
    {
        private double _expectedBatchLoss;
        public List<(double Expected, double Actual)> BatchLosses { get; } = new();
        public List<(double Expected, double Actual)> ValidLosses { get; } = new();

        public void OnBatchBegin(TrainingContext context) => _expectedBatchLoss = ReferenceLoss(context.Model, train, task, smoothing);
        public void OnBatchEnd(TrainingContext context) => BatchLosses.Add((_expectedBatchLoss, context.BatchLoss));

        public void OnEpochEnd(TrainingContext context)
        {
            context.Model.eval();
            ValidLosses.Add((ReferenceLoss(context.Model, valid, task, smoothing: 0), context.LastEpoch!.ValidLoss!.Value));
            context.Model.train();
        }
    }

    [Theory]
    [InlineData(TaskKind.MulticlassClassification)]
    [InlineData(TaskKind.BinaryClassification)]
    public void Fit_LabelSmoothing_InTrainingLossOnlyAndValidationInEvalMode(TaskKind task)
    {
        var four = SyntheticData.FourClass(160, 12, 4, seed: 41);
        var validFour = SyntheticData.FourClass(80, 12, 4, seed: 42);
        var (train, valid) = task == TaskKind.BinaryClassification ? (Binary(four, v => v >= 2), Binary(validFour, v => v >= 2)) : (four, validFour);
        var options = Options();
        options.LabelSmoothing = 0.3;
        options.BatchSize = train.RowCount;                       // one batch: the batch loss is the loss over all rows
        options.DropoutRate = 0;                     // no masks: the probe's train-mode forward equals the loop's
        var probe = new LossProbe(train, valid, task, options.LabelSmoothing);
        options.Callbacks.Add(probe);
        Trainer(options, task).Fit(train, valid);

        Assert.Equal(4, probe.BatchLosses.Count);
        Assert.All(probe.BatchLosses, p => Assert.Equal(p.Expected, p.Actual, 4));
        Assert.All(probe.ValidLosses, p => Assert.Equal(p.Expected, p.Actual, tolerance: 1e-5)); // within 1e-5 (rounding to 5 places can split two values 1e-7 apart)
    }

    [Fact]
    public void Fit_Validation_RunsInEvalMode()
    {
        var train = SyntheticData.FourClass(160, 12, 4, seed: 43);
        var valid = SyntheticData.FourClass(80, 12, 4, seed: 44);
        var options = Options();
        options.DropoutRate = 0.5;                   // train mode would drop half the units
        options.DropoutSchedule = new ConstantDropoutSchedule();
        var probe = new LossProbe(train, valid, TaskKind.MulticlassClassification, smoothing: 0);
        options.Callbacks.Add(probe);
        var result = Trainer(options).Fit(train, valid);
        Assert.All(probe.ValidLosses, p => Assert.Equal(p.Expected, p.Actual, tolerance: 1e-5)); // within 1e-5 (rounding to 5 places can split two values 1e-7 apart)
        // Inference: the snapshot (no dropout at all) scores the validation rows as the eval-mode module did.
        var logits = SnapshotEvaluator.Forward(result.Model, valid.Features, valid.RowCount);
        var labels = valid.Labels.Select(v => (int)v).ToArray();
        double nll = TemperatureScaling.NegativeLogLikelihood(logits, valid.RowCount, 4, labels);
        Assert.Equal(result.History[result.BestEpoch - 1].ValidLoss!.Value, nll, 4);
    }

    /// <summary>Fraction of rows the model predicts positive, in eval mode at the end of training.</summary>
    private static double PositiveRate(TrainingData data, MlpClassificationOptions options)
    {
        var logits = SnapshotEvaluator.Forward(Trainer(options, TaskKind.BinaryClassification).Fit(data).Model, data.Features, data.RowCount);
        return logits.Count(z => z > 0) / (double)data.RowCount;
    }

    [Fact]
    public void Fit_ClassWeights_RaisePredictedPositiveRateOnImbalancedData()
    {
        // About 12% positives, only partly predictable from the features.
        var four = SyntheticData.FourClass(800, 12, 4, seed: 45);
        var rng = new Random(46);
        var data = Binary(four, v => v == 3 && rng.NextDouble() < 0.5);
        var options = Options(maxEpochs: 6);
        double unweighted = PositiveRate(data, options);
        options.ClassWeights = new[] { 1f, 8f };
        double weighted = PositiveRate(data, options);
        Assert.True(weighted > unweighted + 0.1, $"positive rate {weighted:F3} with class weights vs {unweighted:F3} without");
    }

    private static int NearZeroWeights(MlpSnapshot snapshot) =>
        snapshot.Layers.OfType<DenseLayer>().Sum(d => d.Weight.Count(w => Math.Abs(w) < 1e-3));

    [Fact]
    public void Fit_LargeL1_AtLeastTwiceAsManyNearZeroWeights()
    {
        var data = SyntheticData.FourClass(400, 12, 4, seed: 47);
        var options = Options(maxEpochs: 8);
        options.LearningRate = 1e-3;
        options.EarlyStoppingPatience = null;
        options.RestoreBestWeights = false;
        int without = NearZeroWeights(Trainer(options).Fit(data).Model);
        options.L1 = 1e-2;
        int with = NearZeroWeights(Trainer(options).Fit(data).Model);
        Assert.True(with >= 2 * Math.Max(without, 1), $"{with} weights with |w| < 1e-3 with L1 vs {without} without");
    }

    private static double LargestRowNorm(MlpSnapshot snapshot) =>
        snapshot.Layers.OfType<DenseLayer>().Max(d => Enumerable.Range(0, d.OutputSize)
            .Max(r => Math.Sqrt(d.Weight.Skip(r * d.InputSize).Take(d.InputSize).Sum(w => (double)w * w))));

    [Fact]
    public void Fit_MaxNorm_EveryWeightRowWithinTheBound()
    {
        var data = SyntheticData.FourClass(200, 12, 4, seed: 48);
        var options = Options();
        double free = LargestRowNorm(Trainer(options).Fit(data).Model);
        options.MaxNorm = 0.4;
        Assert.True(free > 0.4, $"precondition: without the constraint some row has norm {free:F3} > 0.4");
        double constrained = LargestRowNorm(Trainer(options).Fit(data).Model);
        Assert.True(constrained <= 0.4 + 1e-5, $"largest row norm {constrained:F6} > MaxNorm 0.4");
    }

    /// <summary>The real network with concrete dropout's regularizer removed from the objective.</summary>
    private sealed class WithoutConcreteRegularizer(MlpNetwork network) : ITrainableNetwork
    {
        public nn.Module<Tensor, Tensor> Module => network;
        public void ConfigureForTrainingRows(int rows) => network.ConfigureConcreteDropout(rows);
        public IReadOnlyList<double> ApplyDropoutSchedule(IDropoutSchedule schedule, int epoch, int totalEpochs) => network.ApplyDropoutSchedule(schedule, epoch, totalEpochs);
        public Tensor ConcreteDropoutRegularization() => torch.zeros(Array.Empty<long>());
        public MlpSnapshot ToSnapshot(TaskKind task) => network.ToSnapshot(task);
        public void Dispose() => network.Dispose();
    }

    [Fact]
    public void Fit_ConcreteDropout_RatesMoveAndDependOnTheRegularizer()
    {
        var data = SyntheticData.FourClass(400, 12, 4, seed: 49);
        var options = Options(maxEpochs: 6);
        options.DropoutKind = DropoutKind.Concrete;
        options.EarlyStoppingPatience = null;
        options.RestoreBestWeights = false;
        var with = Trainer(options).Fit(data).History;
        var without = new MlpTrainer(options, TrainerTestOptions.FourClasses, (a, i, o) => new WithoutConcreteRegularizer(MlpNetwork.Build(a, i, o))).Fit(data).History;
        Assert.NotEqual(with[0].DropoutRates, with[^1].DropoutRates);
        Assert.True(with[^1].DropoutRates.Zip(without[^1].DropoutRates).All(p => Math.Abs(p.First - p.Second) > 1e-4),
            $"rates with the regularizer [{string.Join(", ", with[^1].DropoutRates)}] vs without [{string.Join(", ", without[^1].DropoutRates)}]");
    }

    /// <summary>Reads the rate every dropout module of the network actually uses, at the first batch of each epoch.</summary>
    private sealed class RateProbe : ITrainingCallback
    {
        public Dictionary<int, double[]> RatesInForce { get; } = new();
        public void OnBatchBegin(TrainingContext context)
        {
            if (context.Batch == 0)
                RatesInForce[context.Epoch] = context.Model.modules().OfType<IDropoutSite>().Select(s => s.Rate).ToArray();
        }
    }

    [Fact]
    public void Fit_DropoutSchedule_EveryEpochUsesAndRecordsTheScheduledRate()
    {
        var data = SyntheticData.FourClass(120, 12, 4, seed: 50);
        var options = Options(maxEpochs: 6);
        options.EarlyStoppingPatience = null;
        var probe = new RateProbe();
        options.Callbacks.Add(probe);
        var result = Trainer(options).Fit(data);
        var schedule = new LinearRampDropoutSchedule();
        Assert.Equal(6, result.History.Count);
        foreach (var epoch in result.History)
        {
            double expected = schedule.RateAt(epoch.Epoch - 1, 6, 0.3);
            Assert.Equal(new[] { expected, expected }, epoch.DropoutRates);
            Assert.Equal(new[] { expected, expected }, probe.RatesInForce[epoch.Epoch]);
        }
        Assert.NotEqual(result.History[0].DropoutRates, result.History[^1].DropoutRates);
    }

    [Fact]
    public void Fit_CalibrateWithTemperature_FittedOnValidationRowsOnly()
    {
        var train = SyntheticData.FourClass(300, 12, 4, seed: 51);
        var rng = new Random(52);
        var clean = SyntheticData.FourClass(150, 12, 4, seed: 53);
        // Noisy validation labels: its best temperature is far from the training rows'.
        var valid = new TrainingData(clean.Features, clean.RowCount, clean.FeatureCount, clean.Labels.Select(v => rng.NextDouble() < 0.3 ? (float)rng.Next(4) : v).ToArray());
        var options = Options(maxEpochs: 8);
        options.CalibrateWithTemperature = true;
        var result = Trainer(options).Fit(train, valid);
        var uncalibrated = result.Model with { Temperature = 1.0 };
        double onValid = TemperatureScaling.FitWithReport(uncalibrated, valid).Temperature;
        double onTrain = TemperatureScaling.FitWithReport(uncalibrated, train).Temperature;
        Assert.True(Math.Abs(onValid - onTrain) > 0.05, $"precondition: temperatures {onValid} (valid) and {onTrain} (train) differ");
        Assert.Equal(onValid, result.Model.Temperature);
        Assert.Equal(onValid, result.TemperatureScaling!.Temperature);
    }
}
