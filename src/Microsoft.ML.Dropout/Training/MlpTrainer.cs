using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Metrics;
using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Optimization;
using Microsoft.ML.Dropout.Schedules;
using Microsoft.ML.Dropout.Training.Callbacks;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Trains a regularized MLP with TorchSharp for a <see cref="TrainingTask"/>. Options are validated and copied at
/// construction (the dropout schedule, progress sink and callback objects are shared, not cloned).
/// </summary>
/// <remarks>
/// Per epoch: the dropout schedule sets every site's rate; rows are shuffled with a seeded <see cref="Random"/>;
/// each minibatch runs forward in train mode, loss (label-smoothed for classification) + L1 penalty + concrete
/// dropout regularizer, backward, gradient-norm clipping, optimizer step (AdamW parameter groups: no decay on
/// biases and norm parameters), max-norm, and the per-step learning-rate schedule. Validation runs in eval mode
/// without label smoothing. Early stopping and restore-best-weights monitor <see cref="MlpTrainerOptions.EarlyStoppingMetric"/>.
/// Same seed and same machine give bit-identical weights.
/// </remarks>
public sealed class MlpTrainer
{
    private const int EvalChunkRows = 8192;
    private readonly MlpTrainerOptions _options;
    private readonly TrainingTask _task;
    private readonly Func<MlpArchitecture, int, int, ITrainableNetwork> _networkFactory;

    /// <summary>
    /// Creates a trainer for <paramref name="task"/>. Use <see cref="MlpClassificationOptions"/> or
    /// <see cref="MlpRegressionOptions"/> for the task's own settings; plain <see cref="MlpTrainerOptions"/> train
    /// any task with those settings at their defaults.
    /// </summary>
    /// <exception cref="ArgumentException">The options conflict with each other or with the task (the message lists each problem and its fix).</exception>
    public MlpTrainer(MlpTrainerOptions options, TrainingTask task)
        : this(options, task, DefaultNetworkFactory)
    {
    }

    internal MlpTrainer(MlpTrainerOptions options, TrainingTask task, Func<MlpArchitecture, int, int, ITrainableNetwork> networkFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(task);
        options.Validate(task);
        _options = options.Clone();
        _task = task;
        _networkFactory = networkFactory;
    }

    /// <summary>
    /// Trains on <paramref name="train"/>. Validation uses <paramref name="validation"/> when given, otherwise a
    /// (stratified) <c>ValidationFraction</c> of <paramref name="train"/>; with neither there is no early stopping
    /// and the last epoch is the best.
    /// </summary>
    /// <param name="train">Training rows. Labels: 0/1 (binary), 0..ClassCount−1 (multiclass) or finite targets (regression).</param>
    /// <param name="validation">Optional validation rows with the same feature count.</param>
    /// <param name="progress">Receives each epoch's metrics once, after the epoch's callbacks ran.</param>
    /// <param name="cancellationToken">Checked before every minibatch; cancellation ends training with <see cref="StopReason.Cancelled"/>, drops the unfinished epoch from the history and keeps the best weights so far (with validation data and <c>RestoreBestWeights</c>; otherwise the current weights). Cancelled before the first epoch ended: empty history and BestEpoch 0.</param>
    /// <exception cref="ArgumentException">The data does not fit the task (the message names the row and value).</exception>
    /// <exception cref="InvalidOperationException">The loss became NaN or infinite (the message names epoch and batch).</exception>
    public TrainingResult Fit(TrainingData train, TrainingData? validation = null,
        IProgress<EpochMetrics>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        var total = Stopwatch.StartNew();
        var o = _options;
        var task = _task;
        progress ??= o.Progress;
        TrainingDataChecks.Check(train, "Training", task);
        if (validation is not null)
        {
            TrainingDataChecks.CheckCompatible(train, validation);
            TrainingDataChecks.Check(validation, "Validation", task);
        }
        else
        {
            (train, validation) = ValidationSplit.Split(train, o.ValidationFraction, task.Kind, o.Seed);
        }
        bool calibrate = o is MlpClassificationOptions { CalibrateWithTemperature: true } && task.IsClassification;
        if (calibrate && validation is null)
            throw new InvalidOperationException("CalibrateWithTemperature needs validation rows to fit the temperature on: pass a validation set to Fit or set ValidationFraction > 0 (e.g. 0.1).");

        TorchRuntime.EnsureLoaded(o.NumberOfThreads ?? Defaults.NumberOfThreads);
        var settings = ResolvedSettings.Resolve(o, train.RowCount, validation?.RowCount ?? 0);
        var (shift, scale) = task.Kind == TaskKind.Regression ? Standardization(train.Labels) : (0.0, 1.0);
        int outputSize = task.OutputSize;

        torch.manual_seed(o.Seed);
        using var network = _networkFactory(o, train.FeatureCount, outputSize);
        var module = network.Module;
        network.ConfigureForTrainingRows(train.RowCount);
        using var trainSet = TensorDataset.From(train, task.Kind, shift, scale);
        using var validSet = validation is null ? null : TensorDataset.From(validation, task.Kind, shift, scale);
        using var objective = new TaskObjective(o, task, shift, scale);
        var groups = ParameterGroups.Split(module.named_parameters(), o.DecayBiasAndNorm);
        var decayed = groups.Decayed.Select(p => p.Parameter).ToArray();
        var all = groups.All.ToArray();
        using var optimizer = OptimizerFactory.Create(groups, o.Optimizer, o.LearningRate, o.WeightDecay);
        var batches = Batches(trainSet.Rows, settings.BatchSize);
        var lrSchedule = LearningRateScheduleFactory.Create(o.LearningRateSchedule, o.LearningRate, o.MaxEpochs, batches.Count,
            settings.WarmupEpochs, o.EarlyStoppingPatience is int p ? Math.Max(2, p / 2) : 4);
        var dropoutSchedule = o.DropoutSchedule ?? DefaultDropoutSchedule();

        var userCallbacks = o.Callbacks.ToList();
        EarlyStopping? earlyStopping = null;
        if (validSet is not null && o.EarlyStoppingPatience is int patience)
        {
            earlyStopping = new EarlyStopping(patience, o.EarlyStoppingMinDelta, o.EarlyStoppingMetric) { Order = int.MaxValue };
            userCallbacks.Add(earlyStopping);
        }
        var callbacks = new CallbackList(userCallbacks);
        var context = new TrainingContext(o, task, trainSet.Rows, validSet?.Rows ?? 0) { Model = module };
        var best = new ImprovementTracker(EarlyStopping.HigherIsBetter(MonitorMode.Auto, o.EarlyStoppingMetric, task.Kind), o.EarlyStoppingMinDelta);
        using var bestWeights = new WeightsCheckpoint();
        int bestEpoch = 0;
        var stopReason = StopReason.MaxEpochsReached;
        var rng = new Random(o.Seed);
        var order = Enumerable.Range(0, trainSet.Rows).Select(i => (long)i).ToArray();
        int step = 0;
        double lr = lrSchedule.LearningRateAt(0);

        module.train();
        callbacks.OnTrainBegin(context);
        for (int epoch = 1; epoch <= o.MaxEpochs; epoch++)
        {
            var epochWatch = Stopwatch.StartNew();
            context.Epoch = epoch;
            var rates = network.ApplyDropoutSchedule(dropoutSchedule, epoch - 1, o.MaxEpochs).ToArray();
            module.train();
            callbacks.OnEpochBegin(context);
            ValidationSplit.Shuffle(order, rng);

            double lossSum = 0, metricSum = 0;
            int seen = 0;
            bool cancelled = false;
            using (var epochScope = torch.NewDisposeScope())
            {
                var perm = torch.tensor(order, ScalarType.Int64);
                for (int b = 0; b < batches.Count; b++)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        cancelled = true;
                        break;
                    }
                    var (start, length) = batches[b];
                    using (var batchScope = torch.NewDisposeScope())
                    {
                        lr = lrSchedule.LearningRateAt(step);
                        OptimizerFactory.SetLearningRate(optimizer, lr);
                        var idx = perm.narrow(0, start, length);
                        var x = trainSet.X.index_select(0, idx);
                        var y = trainSet.Y.index_select(0, idx);
                        var w = trainSet.Weights?.index_select(0, idx);
                        var output = module.forward(x);
                        var loss = objective.Loss(output, y, w, smooth: true);
                        double lossValue = loss.item<float>();
                        if (!double.IsFinite(lossValue))
                            throw Diverged(lossValue, epoch, b, batches.Count, lr);
                        var objectiveValue = loss;
                        if (o.L1 > 0)
                            objectiveValue = objectiveValue + L1Penalty.Compute(decayed, o.L1);
                        objectiveValue = objectiveValue + network.ConcreteDropoutRegularization();
                        optimizer.zero_grad();
                        objectiveValue.backward();
                        if (o.GradientClipNorm is double clip)
                            GradientClipping.ClipByGlobalNorm(all, clip);
                        optimizer.step();
                        if (o.MaxNorm is double maxNorm)
                            MaxNormConstraint.Apply(decayed, maxNorm);
                        using (torch.no_grad())
                            metricSum += objective.MetricSum(output.detach(), y, trainSet.RawLabels?.index_select(0, idx));
                        lossSum += lossValue * length;
                        seen += length;
                        context.Batch = b;
                        context.BatchLoss = lossValue;
                        context.LearningRate = lr;
                    }
                    step++;
                    callbacks.OnBatchEnd(context);
                }
            }
            if (cancelled)
            {
                stopReason = StopReason.Cancelled;
                break;
            }

            double trainLoss = lossSum / seen;
            double trainMetric = objective.Metric(metricSum, seen);
            double? validLoss = null, validMetric = null;
            if (validSet is not null)
                (validLoss, validMetric) = Evaluate(module, validSet, objective);
            var metrics = new EpochMetrics(epoch, trainLoss, validLoss, trainMetric, validMetric, lr, rates, epochWatch.Elapsed.TotalSeconds);
            context._history.Add(metrics);
            lrSchedule.ReportEpochLoss(validLoss ?? trainLoss);

            if (validSet is not null && EarlyStopping.MonitoredValue(metrics, o.EarlyStoppingMetric) is double monitored && best.Update(monitored))
            {
                bestEpoch = epoch;
                if (o.RestoreBestWeights)
                    bestWeights.Capture(module);
            }
            callbacks.OnEpochEnd(context);
            progress?.Report(metrics);
            if (context.StopRequested)
            {
                stopReason = earlyStopping is not null && earlyStopping.StoppedEpoch == epoch ? StopReason.EarlyStopping : StopReason.CallbackRequested;
                break;
            }
        }

        int lastEpoch = context._history.Count;
        if (validSet is null || bestEpoch == 0)
            bestEpoch = lastEpoch;
        else if (o.RestoreBestWeights && (bestEpoch != lastEpoch || stopReason == StopReason.Cancelled))
            bestWeights.Restore(module); // after a cancellation this also discards the unfinished epoch's updates

        module.eval();
        callbacks.OnTrainEnd(context);
        var snapshot = network.ToSnapshot(task.Kind);
        if (task.Kind == TaskKind.Regression)
            snapshot = snapshot with { OutputScale = scale, OutputShift = shift };
        TemperatureScalingResult? temperature = null;
        if (calibrate && validation is not null)
        {
            temperature = TemperatureScaling.FitWithReport(snapshot, validation);
            snapshot = snapshot with { Temperature = temperature.Temperature };
        }
        return new TrainingResult(snapshot, context._history.ToArray(), bestEpoch, stopReason)
        {
            Seconds = total.Elapsed.TotalSeconds,
            TemperatureScaling = temperature,
            Settings = settings,
        };
    }


    private static (double Loss, double Metric) Evaluate(nn.Module<Tensor, Tensor> module, TensorDataset data, TaskObjective objective)
    {
        module.eval();
        try
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            double lossSum = 0, weightSum = 0, metricSum = 0;
            for (int start = 0; start < data.Rows; start += EvalChunkRows)
            {
                int length = Math.Min(EvalChunkRows, data.Rows - start);
                var x = data.X.narrow(0, start, length);
                var y = data.Y.narrow(0, start, length);
                var w = data.Weights?.narrow(0, start, length);
                var output = module.forward(x);
                // Weighted mean per chunk × chunk weight = weighted sum, so chunks combine exactly.
                double chunkWeight = w is null ? length : w.sum().item<float>();
                lossSum += objective.Loss(output, y, w, smooth: false).item<float>() * chunkWeight;
                weightSum += chunkWeight;
                metricSum += objective.MetricSum(output, y, data.RawLabels?.narrow(0, start, length));
            }
            return (weightSum > 0 ? lossSum / weightSum : 0, objective.Metric(metricSum, data.Rows));
        }
        finally
        {
            module.train();
        }
    }

    private InvalidOperationException Diverged(double loss, int epoch, int batch, int batchCount, double lr)
    {
        string what = double.IsNaN(loss) ? "NaN" : "infinite";
        string clip = _options.GradientClipNorm is double c
            ? $"or lower GradientClipNorm (now {c.ToString(CultureInfo.InvariantCulture)})"
            : "or set GradientClipNorm";
        return new InvalidOperationException(
            $"Training diverged: loss is {what} at epoch {epoch}, batch {batch + 1} of {batchCount}. " +
            $"Lower LearningRate (now {lr.ToString("G6", CultureInfo.InvariantCulture)}), check features for extreme values, {clip}.");
    }

    /// <summary>Minibatch (start, length) pairs; a final batch of one row joins the previous batch (BatchNorm needs ≥ 2 rows).</summary>
    internal static List<(int Start, int Length)> Batches(int rows, int batchSize)
    {
        var list = new List<(int, int)>();
        for (int start = 0; start < rows; start += batchSize)
            list.Add((start, Math.Min(batchSize, rows - start)));
        if (list.Count > 1 && list[^1].Item2 == 1)
        {
            var (s, l) = list[^2];
            list[^2] = (s, l + 1);
            list.RemoveAt(list.Count - 1);
        }
        return list;
    }

    private static (double Shift, double Scale) Standardization(float[] labels)
    {
        double mean = labels.Average(v => (double)v);
        double var = labels.Average(v => ((double)v - mean) * ((double)v - mean));
        double std = Math.Sqrt(var);
        return (mean, std > 1e-12 ? std : 1.0);
    }

    private static ITrainableNetwork DefaultNetworkFactory(MlpArchitecture architecture, int inputSize, int outputSize)
        => MlpNetworkAdapter.Build(architecture, inputSize, outputSize);

    private static IDropoutSchedule DefaultDropoutSchedule() => new LinearRampDropoutSchedule();
}
