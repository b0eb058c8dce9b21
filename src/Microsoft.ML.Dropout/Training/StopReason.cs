namespace Microsoft.ML.Dropout.Training;

/// <summary>Why training ended (<see cref="TrainingResult.StopReason"/>; <see cref="TrainingResult.StopMessage"/> says more).</summary>
public enum StopReason
{
    /// <summary>All <c>MaxEpochs</c> epochs ran.</summary>
    MaxEpochsReached,
    /// <summary>The monitored validation metric did not improve for <c>EarlyStoppingPatience</c> epochs.</summary>
    EarlyStopping,
    /// <summary>A callback called <see cref="TrainingContext.Stop"/>.</summary>
    CallbackRequested,
    /// <summary>The <see cref="CancellationToken"/> was cancelled; the best weights so far are kept.</summary>
    Cancelled,
}
