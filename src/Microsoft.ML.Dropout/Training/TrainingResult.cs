using Microsoft.ML.Dropout.Snapshots;

namespace Microsoft.ML.Dropout.Training;

/// <summary>The outcome of <see cref="MlpTrainer.Fit(TrainingData, TrainingData, IProgress{EpochMetrics}, CancellationToken)"/>: the trained network as arrays and how training went.</summary>
/// <param name="Model">The trained network (best epoch's weights when restored; with <c>RefitOnAllRows</c>, the refit on all the training rows — see <see cref="RefitEpochs"/>), free of TorchSharp.</param>
/// <param name="History">Metrics of every epoch that ran, in order.</param>
/// <param name="BestEpoch">1-based epoch with the best monitored value (the last epoch without validation data).</param>
/// <param name="StopReason">Why training ended.</param>
public sealed record TrainingResult(MlpSnapshot Model, IReadOnlyList<EpochMetrics> History, int BestEpoch, StopReason StopReason)
{
    /// <summary>What ended training, in a sentence (e.g. early stopping's "ValidationLoss did not improve …"); null when all epochs ran.</summary>
    public string? StopMessage { get; init; }

    /// <summary>Total training seconds (data to tensors, epochs, restore).</summary>
    public double Seconds { get; init; }

    /// <summary>
    /// The temperature fitted on the validation rows when <c>CalibrateWithTemperature</c> was true, or null with enough
    /// validation rows (null otherwise): <see cref="Model"/> already carries it (<see cref="MlpSnapshot.Temperature"/>),
    /// with NLL before and after — except when the fit is <see cref="Metrics.TemperatureScalingResult.Separated"/>: the
    /// model then keeps T = 1 (and, when the option was true, <see cref="Warnings"/> says why).
    /// </summary>
    public Metrics.TemperatureScalingResult? TemperatureScaling { get; init; }

    /// <summary>
    /// With <c>RefitOnAllRows</c>: the epochs the refit on all the training rows ran (its model is <see cref="Model"/>);
    /// null when there was no refit (then <see cref="Model"/> is the run that <see cref="History"/> describes).
    /// </summary>
    public int? RefitEpochs { get; init; }

    /// <summary>The values used where an option is decided by a rule or by the data (batch size, warm-up, rows), or null when not recorded.</summary>
    public ResolvedSettings? Settings { get; init; }

    /// <summary>
    /// What training wants the user to know (a capped batch size, a small validation part, a final model no better
    /// than the class prior or the mean on the validation rows); empty when all is well. Default: the
    /// <see cref="Settings"/>' warnings.
    /// </summary>
    public IReadOnlyList<string> Warnings { get => _warnings ?? Settings?.Warnings ?? []; init => _warnings = value; }

    private readonly IReadOnlyList<string>? _warnings;
}
