namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>
/// Ends training after a given epoch without changing the planned <c>MaxEpochs</c> (so the learning-rate, dropout
/// and weight-decay schedules follow the same course per epoch as a run planned for all of them): the refit of
/// <see cref="MlpTrainerOptions.RefitOnAllRows"/> stops with it at the first run's best epoch.
/// </summary>
internal sealed class EpochLimit(int lastEpoch) : ITrainingCallback
{
    /// <summary>The last epoch to run, ≥ 1.</summary>
    internal int LastEpoch { get; } = lastEpoch >= 1 ? lastEpoch : throw new ArgumentOutOfRangeException(nameof(lastEpoch), lastEpoch, "The last epoch must be at least 1.");

    /// <inheritdoc/>
    public void OnEpochEnd(TrainingContext context)
    {
        if (context.Epoch >= LastEpoch)
            context.Stop(StopReason.CallbackRequested, $"Stopped after epoch {LastEpoch}, the epoch chosen by the first run.");
    }
}
