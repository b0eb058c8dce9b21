using System.Globalization;
using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Optimization;
using Microsoft.ML.Dropout.Schedules;
using Microsoft.ML.Dropout.Training.Callbacks;
using Microsoft.ML.Dropout.Training.LossTerms;
using TorchSharp;

namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Everything one <see cref="MlpTrainer.Fit(TrainingData, TrainingData, IProgress{EpochMetrics}, CancellationToken)"/> call trains with, built by <see cref="Prepare"/> (checks, split,
/// tensors, network, optimizer, the objective with its penalty terms, and the callbacks: the built-ins chosen by
/// the options around the user's) and disposed when Fit returns.
/// </summary>
internal sealed class TrainingRun : IDisposable
{
    private TrainingRun(MlpTrainerOptions options, TrainingTask task, TrainingData train, IStreamedTrainingData? streamed, TrainingData? validation, bool internalSplit, string? deviceWarning)
    {
        Options = options;
        Train = train;
        Streamed = streamed;
        Task = task;
        Validation = validation;
        Settings = ResolvedSettings.Resolve(options, streamed?.RowCount ?? train.RowCount, validation?.RowCount ?? 0);
        if (deviceWarning is not null)
            Settings = Settings with { Warnings = [.. Settings.Warnings, deviceWarning] };
        if (internalSplit && validation is not null)
            Settings = Settings with { InternalValidationFraction = options.ValidationFraction };
        (OutputShift, OutputScale) = task.Kind == TaskKind.Regression ? Standardization(train.Labels) : (0.0, 1.0);
    }

    internal MlpTrainerOptions Options { get; }
    /// <summary>Training rows (after the validation split), or the streamed data's sample: what the statistics and error messages use.</summary>
    internal TrainingData Train { get; }
    /// <summary>The streamed training rows, or null when they are all in <see cref="Train"/>.</summary>
    internal IStreamedTrainingData? Streamed { get; }
    internal TrainingTask Task { get; }
    /// <summary>Batch size and warm-up resolved for the rows after the split.</summary>
    internal ResolvedSettings Settings { get; private set; }
    /// <summary>
    /// A temperature fit on the validation rows: asked for (<c>CalibrateWithTemperature = true</c>), or by rule when it
    /// is null — a classification task with at least <see cref="Defaults.SmallValidationRows"/> validation rows.
    /// </summary>
    internal bool CalibrateWithTemperature => Task.IsClassification && Options is MlpClassificationOptions classification &&
        (classification.CalibrateWithTemperature ?? Validation is { RowCount: >= Defaults.SmallValidationRows });
    /// <summary>Validation rows (for the temperature fit), null without validation data.</summary>
    internal TrainingData? Validation { get; }
    internal double OutputShift { get; }
    internal double OutputScale { get; }
    internal ITrainableNetwork Network { get; private set; } = null!;
    /// <summary>The epoch's training minibatches.</summary>
    internal IMinibatchFeed Feed { get; private set; } = null!;
    internal TensorDataset? ValidSet { get; private set; }
    internal TaskObjective Objective { get; private set; } = null!;
    internal torch.optim.Optimizer Optimizer { get; private set; } = null!;
    /// <summary>The parameters and gradients in one buffer each (null when they cannot be: mixed types or devices).</summary>
    internal ContiguousParameters? Contiguous { get; private set; }
    internal TrainingContext Context { get; private set; } = null!;
    internal CallbackList Callbacks { get; private set; } = null!;
    /// <summary>The built-in weight average; null unless <c>WeightAveragingDecay</c> is set.</summary>
    internal WeightAveraging? WeightAveraging { get; private set; }
    /// <summary>The built-in early stopping (tracks the best epoch); null without validation data.</summary>
    internal EarlyStopping? EarlyStopping { get; private set; }

    /// <summary>Checks and splits the data, loads libtorch and checks the device options, seeds libtorch, builds network, tensors, optimizer and callbacks.</summary>
    internal static TrainingRun Prepare(MlpTrainerOptions o, TrainingTask task, Func<MlpArchitecture, int, int, ITrainableNetwork> networkFactory,
        TrainingData train, TrainingData? validation, IProgress<EpochMetrics>? progress)
    {
        TrainingDataChecks.Check(train, "Training", task, o.Preprocessing);
        bool internalSplit = validation is null;
        if (validation is not null)
        {
            TrainingDataChecks.CheckCompatible(train, validation);
            TrainingDataChecks.Check(validation, "Validation", task, o.Preprocessing);
        }
        else
        {
            (train, validation) = ValidationSplit.Split(train, o.ValidationFraction, task.Kind, o.Seed);
        }
        return Create(o, task, networkFactory, train, null, validation, internalSplit, progress);
    }

    /// <summary>As <see cref="Prepare"/> for streamed rows: the sample is checked, the validation rows are the given ones (no split).</summary>
    internal static TrainingRun PrepareStreamed(MlpTrainerOptions o, TrainingTask task, Func<MlpArchitecture, int, int, ITrainableNetwork> networkFactory,
        IStreamedTrainingData train, TrainingData? validation, IProgress<EpochMetrics>? progress)
    {
        if (train.RowCount < 1 || train.FeatureCount != train.Sample.FeatureCount)
            throw new ArgumentException($"The streamed training data reports RowCount = {train.RowCount} and FeatureCount = {train.FeatureCount} with a sample of {train.Sample.FeatureCount} features: it needs at least one row, and the sample's features must match.", nameof(train));
        TrainingDataChecks.Check(train.Sample, "Training", task, o.Preprocessing);
        if (validation is not null)
        {
            TrainingDataChecks.CheckCompatible(train.Sample, validation);
            TrainingDataChecks.Check(validation, "Validation", task, o.Preprocessing);
        }
        return Create(o, task, networkFactory, train.Sample, train, validation, internalSplit: false, progress);
    }

    private static TrainingRun Create(MlpTrainerOptions o, TrainingTask task, Func<MlpArchitecture, int, int, ITrainableNetwork> networkFactory,
        TrainingData train, IStreamedTrainingData? streamed, TrainingData? validation, bool internalSplit, IProgress<EpochMetrics>? progress)
    {
        TorchRuntime.EnsureLoaded(o.NumberOfThreads ?? Defaults.NumberOfThreads);
        string? deviceWarning = TrainingDevice.FallbackWarning(o, o.GpuDeviceId is not null && torch.cuda.is_available());
        var run = new TrainingRun(o, task, train, streamed, validation, internalSplit, deviceWarning);
        if (run.CalibrateWithTemperature && validation is null)
            throw new InvalidOperationException("CalibrateWithTemperature needs validation rows to fit the temperature on: pass a validation set to Fit or set ValidationFraction > 0 (e.g. 0.1).");

        try
        {
            run.Build(networkFactory, train, progress);
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    private void Build(Func<MlpArchitecture, int, int, ITrainableNetwork> networkFactory, TrainingData train, IProgress<EpochMetrics>? progress)
    {
        var o = Options;
        torch.manual_seed(o.Seed);
        MlpArchitecture architecture = o;
        if (o.IsTabular && o.MaxEmbeddedColumns is null)
        {
            // The rule's value for the training rows: for streamed data the stream's row count, not its sample's.
            var resolved = o.Clone();
            resolved.MaxEmbeddedColumns = Settings.MaxEmbeddedColumns;
            architecture = resolved;
        }
        Network = o.IsTabular
            ? TrainableTabularNetwork.Build(train, Task.OutputSize, Task.Kind, architecture)
            : networkFactory(o, train.FeatureCount, Task.OutputSize);
        Network.ConfigureForTrainingRows(Settings.TrainingRows);
        if (Network is TrainableTabularNetwork { Network.Front.SkippedEmbeddableColumns: > 0 and var skipped })
            Settings = Settings with { Warnings = [.. Settings.Warnings, $"NumericEmbedding = {o.NumericEmbedding} was not applied: {skipped} columns have three or more distinct values, more than MaxEmbeddedColumns = {Settings.MaxEmbeddedColumns}{(o.MaxEmbeddedColumns is null ? $" (by rule for {Settings.TrainingRows} training rows: {Defaults.EmbeddedColumnsAtAnyRowCount}, up to {Defaults.MaxEmbeddedColumnsForWideData.ToString("N0", CultureInfo.InvariantCulture)} while columns × rows ≤ {Defaults.EmbeddedCellBudget.ToString("N0", CultureInfo.InvariantCulture)})" : "")}. They reach the first layer unembedded; raise MaxEmbeddedColumns to embed them (training and scoring then cost about EmbeddingDimension = {o.EmbeddingDimension} times as much in the first layer)."] };
        // The network's parameter-free input stage runs once per row here, not once per minibatch and epoch.
        Feed = Streamed is null
            ? new InMemoryMinibatches(TensorDataset.From(train, Task.Kind, OutputShift, OutputScale).WithPreparedInputs(Network.PrepareInputs), Settings.BatchSize, o.Seed)
            : new StreamedMinibatches(Streamed, Settings.BatchSize, Task.Kind, OutputShift, OutputScale, Network.PrepareInputs);
        ValidSet = Validation is null ? null : TensorDataset.From(Validation, Task.Kind, OutputShift, OutputScale).WithPreparedInputs(Network.PrepareInputs);
        var groups = ParameterGroups.Split(Network.Module.named_parameters(), o.DecayBiasAndNorm);
        Objective = new TaskObjective(o, Task, OutputShift, OutputScale, PenaltyTerms(groups));
        Contiguous = ContiguousParameters.TryCreate(groups);
        Optimizer = OptimizerFactory.Create(groups, o.Optimizer, o.LearningRate, o.WeightDecay, o.AdamBeta2, Contiguous);
        Context = new TrainingContext(o, Task, Settings) { Model = Network.Module, Parameters = groups, Optimizer = Optimizer, Contiguous = Contiguous };
        Callbacks = new CallbackList(BuiltInsBefore().Concat(o.Callbacks).Concat(BuiltInsAfter(progress)));
    }

    /// <summary>The objective's penalties, summed after the task loss in this order: L1, then concrete dropout's regularizer.</summary>
    private IEnumerable<ILossTerm> PenaltyTerms(ParameterGroups groups)
    {
        if (Options.L1 > 0)
            yield return new L1LossTerm(groups.Decayed.Select(p => p.Parameter), Options.L1);
        if (Options.DropoutKind == DropoutKind.Concrete)
            yield return new ConcreteDropoutLossTerm(Network);
    }

    /// <summary>Built-ins that set up epochs and batches, constrain weights, record and decide (they run first).</summary>
    private IEnumerable<ITrainingCallback> BuiltInsBefore()
    {
        var o = Options;
        yield return new DropoutScheduler(Network, o.DropoutSchedule ?? MlpTrainer.DefaultDropoutSchedule());
        yield return new HistoryRecorder();
        yield return new LearningRateScheduler(LearningRateScheduleFactory.Create(o.LearningRateSchedule, o.LearningRate, Settings.MaxEpochs,
            Feed.Batches.Count, Settings.WarmupEpochs, o.EarlyStoppingPatience is int p ? Math.Max(2, p / 2) : 4));
        if (o.WeightDecaySchedule == WeightDecayScheduleKind.FlatCosine && o.WeightDecay > 0)
            yield return new WeightDecayScheduler(new FlatCosineWeightDecay(o.WeightDecay, checked(Settings.MaxEpochs * Feed.Batches.Count)));
        if (o.GradientClipNorm is double clip)
            yield return new GradientNormClipping(clip) { Order = BuiltInCallbackOrder.First };
        if (o.MaxNorm is double maxNorm)
            yield return new MaxNormEnforcement(maxNorm) { Order = BuiltInCallbackOrder.First };
        if (o.WeightAveragingDecay is double decay)
        {
            // After max-norm (the step's constraints come first) and before early stopping (its OnTrainEnd restores
            // the best averaged copy over the final average).
            WeightAveraging = new WeightAveraging(decay) { Order = BuiltInCallbackOrder.First };
            yield return WeightAveraging;
        }
        if (ValidSet is not null)
        {
            EarlyStopping = new EarlyStopping(o.EarlyStoppingPatience, o.EarlyStoppingMinDelta, o.EarlyStoppingMetric, MonitorMode.Auto,
                o.RestoreBestWeights, o.EarlyStoppingStartFromEpoch) { Order = BuiltInCallbackOrder.First };
            yield return EarlyStopping;
        }
    }

    /// <summary>Built-ins that report the finished epoch (they run last).</summary>
    private IEnumerable<ITrainingCallback> BuiltInsAfter(IProgress<EpochMetrics>? progress)
    {
        if (progress is not null)
            yield return new ProgressReporter(progress);
        if (Options.Logger is { } logger)
            yield return new TrainingLogger(logger);
    }

    private static (double Shift, double Scale) Standardization(float[] labels)
    {
        double mean = labels.Average(v => (double)v);
        double var = labels.Average(v => ((double)v - mean) * ((double)v - mean));
        double std = Math.Sqrt(var);
        return (mean, std > 1e-12 ? std : 1.0);
    }

    public void Dispose()
    {
        EarlyStopping?.ReleaseBestWeights();
        WeightAveraging?.Release();
        Optimizer?.Dispose();
        Contiguous?.Dispose();
        Objective?.Dispose();
        ValidSet?.Dispose();
        Feed?.Dispose();
        Network?.Dispose();
    }
}
