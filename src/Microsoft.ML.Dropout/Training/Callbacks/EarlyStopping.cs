using System.Globalization;

namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>
/// Stops training when the monitored validation value has not improved by more than <see cref="MinDelta"/> for
/// <see cref="Patience"/> consecutive epochs. The trainer adds one automatically when <c>EarlyStoppingPatience</c>
/// is set and validation data exists; restoring the best weights is the trainer's job (<c>RestoreBestWeights</c>).
/// State is reset in <see cref="OnTrainBegin"/>, so an instance can be reused.
/// </summary>
public sealed class EarlyStopping : ITrainingCallback
{
    private readonly ImprovementTracker _tracker;

    /// <summary>Creates the callback.</summary>
    /// <param name="patience">Epochs without improvement before stopping, ≥ 0 (0 = stop at the first epoch that does not improve). Default 8.</param>
    /// <param name="minDelta">Smallest change that counts as an improvement, ≥ 0. Default 0.</param>
    /// <param name="metric">What to monitor. Default <see cref="EarlyStoppingMetric.ValidationLoss"/>.</param>
    /// <param name="mode">Direction. Default <see cref="MonitorMode.Auto"/>: Min for the loss; for the metric, Max (accuracy) for classification and Min (RMSE) for regression, decided in <see cref="OnTrainBegin"/> (Min before that).</param>
    public EarlyStopping(int patience = 8, double minDelta = 0, EarlyStoppingMetric metric = EarlyStoppingMetric.ValidationLoss, MonitorMode mode = MonitorMode.Auto)
    {
        Patience = OptionGuard.AtLeast(patience, 0, nameof(Patience));
        MinDelta = OptionGuard.NonNegative(minDelta, nameof(MinDelta));
        Metric = OptionGuard.Defined(metric, nameof(Metric));
        Mode = OptionGuard.Defined(mode, nameof(Mode));
        _tracker = new ImprovementTracker(mode == MonitorMode.Max, minDelta);
    }

    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; }
    /// <summary>Smallest change that counts as an improvement.</summary>
    public double MinDelta { get; }
    /// <summary>The monitored value.</summary>
    public EarlyStoppingMetric Metric { get; }
    /// <summary>The direction as configured.</summary>
    public MonitorMode Mode { get; }
    /// <summary>Run order among callbacks. Default 0.</summary>
    public int Order { get; init; }
    /// <summary>Best monitored value so far (±∞ before the first epoch).</summary>
    public double Best => _tracker.Best;
    /// <summary>Epochs since the best value.</summary>
    public int Wait => _tracker.Wait;
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
        if (_tracker.Update(current) || _tracker.Wait < Patience)
            return (false, null);
        string best = _tracker.Best.ToString("G6", CultureInfo.InvariantCulture);
        return (true, $"{Metric} did not improve by more than {MinDelta.ToString(CultureInfo.InvariantCulture)} for {_tracker.Wait} epochs (best {best} at epoch {_tracker.BestIndex}).");
    }

    /// <summary>Resets the state and resolves <see cref="MonitorMode.Auto"/> from the task.</summary>
    public void OnTrainBegin(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _tracker.HigherIsBetter = HigherIsBetter(Mode, Metric, context.Task.Kind);
        _tracker.Reset();
        StoppedEpoch = 0;
    }

    /// <summary>Evaluates the epoch's validation value (skipped without validation data) and requests a stop if due.</summary>
    public void OnEpochEnd(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        double? value = MonitoredValue(context.LastEpoch, Metric);
        if (value is null)
            return;
        var (stop, reason) = Evaluate(value.Value);
        if (stop)
        {
            StoppedEpoch = context.Epoch;
            context.StopRequested = true;
            context.StopMessage = reason;
        }
    }

    internal static double? MonitoredValue(EpochMetrics? metrics, EarlyStoppingMetric metric) =>
        metric == EarlyStoppingMetric.ValidationLoss ? metrics?.ValidLoss : metrics?.ValidMetric;

    internal static bool HigherIsBetter(MonitorMode mode, EarlyStoppingMetric metric, TaskKind task) => mode switch
    {
        MonitorMode.Max => true,
        MonitorMode.Min => false,
        _ => metric == EarlyStoppingMetric.ValidationMetric && task != TaskKind.Regression,
    };
}
