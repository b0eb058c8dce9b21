using System.Diagnostics;
using Microsoft.ML.Dropout.Metrics;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Schedules;
using Microsoft.ML.Dropout.Training.Callbacks;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Trains a regularized MLP with TorchSharp for a <see cref="TrainingTask"/>. Options are validated and copied at
/// construction (the dropout schedule, progress sink, logger and callback objects are shared, not cloned).
/// </summary>
/// <remarks>
/// <see cref="Fit(TrainingData, TrainingData, IProgress{EpochMetrics}, CancellationToken)"/> prepares (checks, split, tensors, network, optimizer, callbacks), runs the epoch loop and
/// finishes (snapshot, target de-standardization, temperature). The loop only shuffles, steps, evaluates and
/// notifies <see cref="ITrainingCallback"/>s; everything else is a default callback chosen by the options: the
/// dropout schedule, the learning-rate schedule, gradient clipping, max-norm, the history, early stopping with
/// restore-best-weights, the weight average, progress and logging. Each minibatch runs forward in train mode, the task loss
/// (label-smoothed for classification) plus the penalty terms (L1, concrete dropout), backward and the optimizer
/// step (AdamW parameter groups: no decay on biases and norm parameters). Validation runs in eval mode without
/// label smoothing. Same seed and same machine give bit-identical weights.
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
    /// <param name="progress">Receives each epoch's metrics once, after the epoch's callbacks ran (default: the <c>Progress</c> option).</param>
    /// <param name="cancellationToken">Checked before every minibatch; cancellation ends training with <see cref="StopReason.Cancelled"/>, drops the unfinished epoch from the history and keeps the best weights so far (with validation data and <c>RestoreBestWeights</c>; otherwise the current weights). Cancelled before the first epoch ended: empty history and BestEpoch 0.</param>
    /// <exception cref="ArgumentException">The data does not fit the task (the message names the row and value).</exception>
    /// <exception cref="InvalidOperationException">The training loss (the message names epoch and batch), the validation loss or the final weights became NaN or infinite; the message names the likely causes (learning rate, weight decay, BatchNorm with tiny batches, an extreme feature value with its row and slot).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled while this Fit waited for another Fit in the process to finish (nothing was trained).</exception>
    /// <remarks>Fits in one process train one at a time (they share libtorch's global generator and thread count), so a same-seed Fit gives the same weights whether others run concurrently or not.</remarks>
    public TrainingResult Fit(TrainingData train, TrainingData? validation = null,
        IProgress<EpochMetrics>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        var result = Fit(() => TrainingRun.Prepare(_options, _task, _networkFactory, train, validation, progress ?? _options.Progress), cancellationToken);
        return _options.RefitOnAllRows ? Refit(train, result, cancellationToken) : result;
    }

    /// <summary>
    /// <c>RefitOnAllRows</c>: trains again on all of <paramref name="train"/> (the first run's validation rows too) for
    /// the epochs the first run chose, with its batch size and planned epochs, and returns the first run's result
    /// with that model. The first result unchanged when the refit does not apply (see the option).
    /// </summary>
    private TrainingResult Refit(TrainingData train, TrainingResult first, CancellationToken cancellationToken)
    {
        if (first.Settings is not { InternalValidationFraction: > 0 } settings || first.StopReason == StopReason.Cancelled || first.History.Count == 0)
            return first;
        if (_options.LearningRateSchedule == LearningRateScheduleKind.ReduceOnPlateau)
        {
            const string skipped = "RefitOnAllRows was not applied: LearningRateSchedule = ReduceOnPlateau lowers the rate when the validation loss stalls, and the refit has no validation rows to repeat that course. Use another schedule (e.g. WarmupCosine) to refit.";
            if (_options.Logger is { } log)
                TrainingLogger.Warn(log, skipped);
            return first with { Warnings = [.. first.Warnings, skipped] };
        }
        int epochs = _options.RestoreBestWeights ? Math.Max(1, first.BestEpoch) : first.History.Count;
        var o = _options.Clone();
        o.ValidationFraction = 0;
        o.BatchSize = settings.BatchSize;
        o.MaxEpochs = settings.MaxEpochs;
        o.MaxEmbeddedColumns = settings.MaxEmbeddedColumns; // the first run's rule value: the refit's extra rows must not change the network
        o.Progress = null; // the first run reported its epochs; the refit's restart at 1 (the logger still sees them, prefixed)
        o.Logger = _options.Logger is { } inner ? new PrefixedLogger(inner, "Refit: ") : null;
        o.Callbacks.Add(new EpochLimit(epochs)); // the user's callbacks run again (OnTrainBegin starts the refit), as they shape training too
        if (o is MlpClassificationOptions classification)
            classification.CalibrateWithTemperature = false; // no held-out rows now: the first run's temperature is applied below
        TrainingResult CancelledRefit(double seconds) => first with
        {
            StopReason = StopReason.Cancelled,
            StopMessage = $"The CancellationToken was cancelled before the refit on all rows (RefitOnAllRows) ended; the model is the first run's. {first.StopMessage}".TrimEnd(),
            Seconds = first.Seconds + seconds,
        };
        if (cancellationToken.IsCancellationRequested)
            return CancelledRefit(0);
        if (_options.Logger is { } logger)
            TrainingLogger.Refit(logger, train.RowCount, epochs);
        TrainingResult refit;
        try
        {
            refit = Fit(() => TrainingRun.Prepare(o, _task, _networkFactory, train, null, null), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CancelledRefit(0); // cancelled while another Fit held libtorch's state
        }
        catch (InvalidOperationException e)
        {
            // E.g. the refit diverged: nothing the first run trained is lost; the warning says why there is no refit.
            string failed = $"RefitOnAllRows was not applied: the refit on all {train.RowCount} training rows failed ({e.Message}). The model is the first run's; set RefitOnAllRows = false to skip the refit.";
            if (_options.Logger is { } log)
                TrainingLogger.Warn(log, failed);
            return first with { Warnings = [.. first.Warnings, failed] };
        }
        if (refit.StopReason == StopReason.Cancelled)
            return CancelledRefit(refit.Seconds);
        var model = first.TemperatureScaling is not null ? refit.Model with { Temperature = first.Model.Temperature } : refit.Model; // the temperature the first run applied (1 when its fit was separated)
        return first with
        {
            Model = model,
            RefitEpochs = refit.History.Count,
            Seconds = first.Seconds + refit.Seconds,
            Warnings = [.. first.Warnings, .. refit.Warnings.Except(first.Warnings)],
        };
    }

    /// <summary>
    /// Trains on rows read in passes (one per epoch) instead of held in memory. The statistics fitted before training
    /// (in-model preprocessing, label standardization) come from <see cref="IStreamedTrainingData.Sample"/>; the
    /// batch-size and epoch rules use its <see cref="IStreamedTrainingData.RowCount"/>. Validation uses
    /// <paramref name="validation"/> only (nothing is split off a stream); without it there is no early stopping.
    /// </summary>
    /// <param name="train">The streamed training rows; the trainer neither disposes it nor keeps it after Fit.</param>
    /// <param name="validation">Optional validation rows in memory, with the same feature count.</param>
    /// <param name="progress">Receives each epoch's metrics once, after the epoch's callbacks ran (default: the <c>Progress</c> option).</param>
    /// <param name="cancellationToken">Checked before every minibatch and passed to each pass; see the in-memory overload.</param>
    /// <exception cref="ArgumentException">The sample or the validation rows do not fit the task (the message names the row and value).</exception>
    /// <exception cref="InvalidOperationException">Training diverged (see the in-memory overload), or a pass yielded fewer rows than <see cref="IStreamedTrainingData.RowCount"/>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting for another Fit or while a pass was read.</exception>
    public TrainingResult Fit(IStreamedTrainingData train, TrainingData? validation = null,
        IProgress<EpochMetrics>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        return Fit(() => TrainingRun.PrepareStreamed(_options, _task, _networkFactory, train, validation, progress ?? _options.Progress), cancellationToken);
    }

    private static TrainingResult Fit(Func<TrainingRun> prepare, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        TrainingRun run;
        TorchGlobalStateLock.Enter(cancellationToken);
        try
        {
            run = prepare();
            try
            {
                RunEpochs(run, cancellationToken);
            }
            catch
            {
                run.Dispose();
                throw;
            }
        }
        finally
        {
            Monitor.Exit(TorchGlobalStateLock.Gate);
        }
        using (run)
            return Finish(run, total);
    }

    /// <summary>The epoch loop: shuffle, train the batches, evaluate, notify; until MaxEpochs or a stop request.</summary>
    private static void RunEpochs(TrainingRun run, CancellationToken cancellationToken)
    {
        var context = run.Context;
        var module = run.Network.Module;
        module.train();
        run.Callbacks.OnTrainBegin(context);
        for (int epoch = 1; epoch <= run.Settings.MaxEpochs && !context.IsStopRequested; epoch++)
        {
            var watch = Stopwatch.StartNew();
            context.Epoch = epoch;
            module.train();
            run.Callbacks.OnEpochBegin(context);
            var trained = TrainEpoch(run, cancellationToken);
            if (trained is not { } epochResult)
            {
                context.Stop(StopReason.Cancelled, $"The CancellationToken was cancelled during epoch {epoch}; that unfinished epoch was discarded.");
                break;
            }
            var (trainLoss, trainMetric) = epochResult;
            run.Callbacks.OnValidationBegin(context);
            var (validLoss, validMetric) = run.ValidSet is null ? (null, null) : Evaluate(run.Network, run.ValidSet, run.Objective);
            context.LastEpoch = new EpochMetrics(epoch, trainLoss, validLoss, trainMetric, validMetric, context.LearningRate,
                context.DropoutRates, watch.Elapsed.TotalSeconds) { MemberSpread = MemberSpread(run) };
            if (validLoss is double loss && !double.IsFinite(loss))
                throw DivergenceDiagnosis.ValidationLoss(run, context.LastEpoch);
            run.Callbacks.OnEpochEnd(context);
            run.Callbacks.OnValidationEnd(context);
        }
        module.eval();
        run.Callbacks.OnTrainEnd(context);
    }

    /// <summary>One pass over the shuffled batches; the mean loss and metric, or null when cancelled before a batch.</summary>
    private static (double Loss, double Metric)? TrainEpoch(TrainingRun run, CancellationToken cancellationToken)
    {
        var context = run.Context;
        double lossSum = 0, metricSum = 0;
        int seen = 0;
        using var epochScope = torch.NewDisposeScope();
        var feed = run.Feed;
        feed.BeginEpoch(context.Epoch, cancellationToken);
        for (int b = 0; b < feed.Batches.Count; b++)
        {
            if (cancellationToken.IsCancellationRequested)
                return null;
            context.Batch = b;
            int length = feed.Batches[b].Length;
            using (var batchScope = torch.NewDisposeScope())
            {
                (double loss, double metric) = TrainBatch(run, b);
                lossSum += loss * length;
                metricSum += metric;
                seen += length;
            }
            context.Step++;
            run.Callbacks.OnBatchEnd(context);
        }
        return (lossSum / seen, run.Objective.Metric(metricSum, seen));
    }

    /// <summary>Forward, loss plus penalties, backward, step, with the batch callbacks around them; the task loss and the metric sum.</summary>
    private static (double Loss, double MetricSum) TrainBatch(TrainingRun run, int batch)
    {
        var context = run.Context;
        run.Callbacks.OnBatchBegin(context);
        var (x, y, weights, rawLabels) = run.Feed.Next(batch);
        var output = run.Network.ForwardPrepared(x);
        // An ensemble returns k rows per input row in training: the loss on targets repeated k times is the mean
        // of the members' losses; the training metric averages the members' metrics.
        long members = output.shape[0] / Math.Max(1, y.shape[0]);
        if (members > 1)
        {
            y = y.repeat_interleave(members, 0);
            weights = weights?.repeat_interleave(members, 0);
            rawLabels = rawLabels?.repeat_interleave(members, 0);
        }
        var loss = run.Objective.Loss(output, y, weights, smooth: true);
        double lossValue = loss.item<float>();
        if (!double.IsFinite(lossValue))
            throw DivergenceDiagnosis.TrainingLoss(run, lossValue);
        var objective = run.Objective.WithPenalties(loss);
        if (run.Contiguous is { } contiguous)
            contiguous.ZeroGradients();
        else
            run.Optimizer.zero_grad();
        objective.backward();
        run.Contiguous?.EnsureBound(); // a callback may have replaced the gradients (libtorch's Module.zero_grad sets them to null)
        run.Callbacks.OnAfterBackward(context);
        run.Optimizer.step();
        run.Callbacks.OnAfterStep(context);
        context.BatchLoss = lossValue;
        using (torch.no_grad())
            return (lossValue, run.Objective.MetricSum(output.detach(), y, rawLabels) / members);
    }

    /// <summary>Snapshot (best weights already restored by early stopping), target de-standardization, temperature, the no-skill warning.</summary>
    private static TrainingResult Finish(TrainingRun run, Stopwatch total)
    {
        var context = run.Context;
        DivergenceDiagnosis.CheckFinalWeights(run);
        var snapshot = run.Network.ToSnapshot(run.Task.Kind);
        if (run.Task.Kind == TaskKind.Regression)
            snapshot = snapshot with { OutputScale = run.OutputScale, OutputShift = run.OutputShift };
        var warnings = context.Settings.Warnings.ToList();
        TemperatureScalingResult? temperature = null;
        if (run.CalibrateWithTemperature && run.Validation is not null)
        {
            temperature = TemperatureScaling.FitWithReport(snapshot, run.Validation);
            if (temperature.NotAppliedReason is { } why && run.Options is MlpClassificationOptions { CalibrateWithTemperature: true })
            {
                // Asked for explicitly: say why it was not applied. By rule (null) a model that separates its validation
                // rows simply keeps T = 1; TemperatureScaling still records the fit (Separated).
                string separated = $"CalibrateWithTemperature: {why} Raise ValidationFraction or pass a larger validation set to Fit.";
                warnings.Add(separated);
                if (run.Options.Logger is { } log)
                    TrainingLogger.Warn(log, separated);
            }
            if (!temperature.Separated)
                snapshot = snapshot with { Temperature = temperature.Temperature };
        }
        int bestEpoch = run.EarlyStopping?.BestEpoch is int best && best > 0 ? best : context.History.Count;
        if (NoSkillCheck.Warning(run, context.RestoredEpoch > 0 ? context.RestoredEpoch : context.History.Count) is { } noSkill)
        {
            warnings.Add(noSkill);
            if (run.Options.Logger is { } logger)
                TrainingLogger.Warn(logger, noSkill);
        }
        return new TrainingResult(snapshot, context.History.ToArray(), bestEpoch, context.StopReason ?? StopReason.MaxEpochsReached)
        {
            Warnings = warnings,
            Seconds = total.Elapsed.TotalSeconds,
            TemperatureScaling = temperature,
            StopMessage = context.StopMessage,
            Settings = context.Settings,
        };
    }

    private static (double? Loss, double? Metric) Evaluate(ITrainableNetwork network, TensorDataset data, TaskObjective objective)
    {
        var module = network.Module;
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
                var output = network.ForwardPrepared(x);
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

    /// <summary>Std of the ensemble members' validation losses (see <see cref="EpochMetrics.MemberSpread"/>); null without an ensemble or validation data.</summary>
    private static double? MemberSpread(TrainingRun run)
    {
        if (run.ValidSet is not { } data || run.Network is not TrainableTabularNetwork { Network: { Ensemble: not null } network })
            return null;
        network.eval();
        try
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            int k = network.Ensemble!.Members;
            var lossSums = new double[k];
            double weightSum = 0;
            for (int start = 0; start < data.Rows; start += EvalChunkRows)
            {
                int length = Math.Min(EvalChunkRows, data.Rows - start);
                var y = data.Y.narrow(0, start, length);
                var w = data.Weights?.narrow(0, start, length);
                var members = network.MemberOutputsPrepared(data.X.narrow(0, start, length));
                double chunkWeight = w is null ? length : w.sum().item<float>();
                for (int i = 0; i < k; i++)
                    lossSums[i] += run.Objective.Loss(members.select(1, i), y, w, smooth: false).item<float>() * chunkWeight;
                weightSum += chunkWeight;
            }
            var losses = lossSums.Select(s => weightSum > 0 ? s / weightSum : 0).ToArray();
            double mean = losses.Average();
            return Math.Sqrt(losses.Average(l => (l - mean) * (l - mean)));
        }
        finally
        {
            network.train();
        }
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

    private static ITrainableNetwork DefaultNetworkFactory(MlpArchitecture architecture, int inputSize, int outputSize)
        => TrainableMlpNetwork.Build(architecture, inputSize, outputSize);

    internal static IDropoutSchedule DefaultDropoutSchedule() => new LinearRampDropoutSchedule();
}
