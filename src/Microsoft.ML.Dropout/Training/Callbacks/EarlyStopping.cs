using System.Globalization;

namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>
/// Tracks the best epoch by a validation value and stops training when it has not improved by more than
/// <see cref="MinDelta"/> for <see cref="Patience"/> consecutive epochs; with <see cref="RestoreBestWeights"/> it
/// keeps a copy of the best epoch's weights and loads it back at the end. The trainer adds one whenever there is
/// validation data (with <c>EarlyStoppingPatience</c> = null it only tracks the best epoch and restores it).
/// State is reset in <see cref="OnTrainBegin"/>, so an instance can be reused.
/// </summary>
public sealed class EarlyStopping : ITrainingCallback
{
    private readonly ImprovementTracker _tracker;
    private readonly WeightsCheckpoint _bestWeights = new();
    private int _skippedEpochs;

    /// <summary>Creates the callback.</summary>
    /// <param name="patience">Epochs without improvement before stopping, ≥ 0 (0 = stop at the first epoch that does not improve); null = never stop, only track the best epoch. Default <see cref="Defaults.EarlyStoppingPatience"/> (16).</param>
    /// <param name="minDelta">Smallest change that counts as an improvement, ≥ 0. Default 0.</param>
    /// <param name="metric">What to monitor. Default <see cref="EarlyStoppingMetric.ValidationLoss"/>.</param>
    /// <param name="mode">Direction. Default <see cref="MonitorMode.Auto"/>: Min for the loss; for the metric, Max (accuracy) for classification and Min (RMSE) for regression, decided in <see cref="OnTrainBegin"/> (Min before that).</param>
    /// <param name="restoreBestWeights">Load the best epoch's weights at the end of training. Default false.</param>
    /// <param name="startFromEpoch">Epochs to ignore at the start (neither tracked nor counted towards patience), ≥ 0. Default 0.</param>
    public EarlyStopping(int? patience = Defaults.EarlyStoppingPatience, double minDelta = 0, EarlyStoppingMetric metric = EarlyStoppingMetric.ValidationLoss,
        MonitorMode mode = MonitorMode.Auto, bool restoreBestWeights = false, int startFromEpoch = 0)
    {
        Patience = patience is null ? null : OptionGuard.AtLeast(patience.Value, 0, nameof(Patience));
        MinDelta = OptionGuard.NonNegative(minDelta, nameof(MinDelta));
        Metric = OptionGuard.Defined(metric, nameof(Metric));
        Mode = OptionGuard.Defined(mode, nameof(Mode));
        RestoreBestWeights = restoreBestWeights;
        StartFromEpoch = OptionGuard.AtLeast(startFromEpoch, 0, nameof(StartFromEpoch));
        _tracker = new ImprovementTracker(mode == MonitorMode.Max, minDelta);
    }

    /// <summary>Epochs without improvement before stopping (null = never stops).</summary>
    public int? Patience { get; }
    /// <summary>Smallest change that counts as an improvement.</summary>
    public double MinDelta { get; }
    /// <summary>The monitored value.</summary>
    public EarlyStoppingMetric Metric { get; }
    /// <summary>The direction as configured.</summary>
    public MonitorMode Mode { get; }
    /// <summary>Whether the best epoch's weights are loaded back at the end.</summary>
    public bool RestoreBestWeights { get; }
    /// <summary>Epochs ignored at the start.</summary>
    public int StartFromEpoch { get; }
    /// <summary>Run order among callbacks. Default 0.</summary>
    public int Order { get; init; }
    /// <summary>Best monitored value so far (±∞ before the first epoch).</summary>
    public double Best => _tracker.Best;
    /// <summary>Epochs since the best value.</summary>
    public int Wait => _tracker.Wait;
    /// <summary>1-based epoch with the best monitored value; 0 before the first tracked epoch.</summary>
    public int BestEpoch { get; private set; }
    /// <summary>1-based epoch at which this callback stopped training; 0 if it did not.</summary>
    public int StoppedEpoch { get; private set; }

    /// <summary>
    /// Records the value of one more epoch and decides whether to stop: true once <see cref="Patience"/>
    /// consecutive values failed to improve on the best by more than <see cref="MinDelta"/> (NaN never improves).
    /// </summary>
    /// <param name="current">This epoch's monitored value.</param>
    /// <returns>Whether to stop, and a message saying why.</returns>
    public (bool Stop, string? Reason) Evaluate(double current)
    {
        if (_tracker.Update(current) || Patience is not int patience || _tracker.Wait < patience)
            return (false, null);
        string best = _tracker.Best.ToString("G6", CultureInfo.InvariantCulture);
        return (true, $"{Metric} did not improve by more than {MinDelta.ToString(CultureInfo.InvariantCulture)} for {_tracker.Wait} epochs (best {best} at epoch {_tracker.BestIndex + _skippedEpochs}).");
    }

    /// <summary>Resets the state and resolves <see cref="MonitorMode.Auto"/> from the task.</summary>
    public void OnTrainBegin(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _tracker.HigherIsBetter = HigherIsBetter(Mode, Metric, context.Task.Kind);
        _tracker.Reset();
        _skippedEpochs = 0;
        BestEpoch = 0;
        StoppedEpoch = 0;
    }

    /// <summary>Evaluates the epoch's validation value (skipped without validation data), keeps the best weights and requests a stop if due.</summary>
    public void OnEpochEnd(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        double? value = MonitoredValue(context.LastEpoch, Metric);
        if (value is null)
            return;
        if (context.Epoch <= StartFromEpoch)
        {
            _skippedEpochs++;
            return;
        }
        var (stop, reason) = Evaluate(value.Value);
        if (_tracker.Wait == 0)
        {
            BestEpoch = context.Epoch;
            context.BestEpoch = BestEpoch;
            if (RestoreBestWeights)
                _bestWeights.Capture(context.Model);
        }
        if (stop)
        {
            StoppedEpoch = context.Epoch;
            context.Stop(StopReason.EarlyStopping, reason!);
        }
    }

    /// <summary>
    /// Loads the best epoch's weights when <see cref="RestoreBestWeights"/> is set and they differ from the current
    /// ones (a later epoch ran, or a cancellation left an unfinished epoch's updates), then frees the copy.
    /// </summary>
    public void OnTrainEnd(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RestoreBestWeights && BestEpoch > 0 && (BestEpoch != context.History.Count || context.StopReason == StopReason.Cancelled))
        {
            _bestWeights.Restore(context.Model);
            context.RestoredEpoch = BestEpoch;
        }
        ReleaseBestWeights();
    }

    /// <summary>Frees the copy of the best weights (also when training ended with an exception).</summary>
    internal void ReleaseBestWeights() => _bestWeights.Dispose();

    internal static double? MonitoredValue(EpochMetrics? metrics, EarlyStoppingMetric metric) =>
        metric == EarlyStoppingMetric.ValidationLoss ? metrics?.ValidLoss : metrics?.ValidMetric;

    internal static bool HigherIsBetter(MonitorMode mode, EarlyStoppingMetric metric, TaskKind task) => mode switch
    {
        MonitorMode.Max => true,
        MonitorMode.Min => false,
        _ => metric == EarlyStoppingMetric.ValidationMetric && task != TaskKind.Regression,
    };
}
