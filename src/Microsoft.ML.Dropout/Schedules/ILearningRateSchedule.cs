namespace Microsoft.ML.Dropout.Schedules;

/// <summary>
/// A learning-rate schedule stepped once per optimizer step (minibatch). The trainer asks for the rate before
/// each step and reports the validation loss after each epoch (only <see cref="ReduceOnPlateauLearningRateSchedule"/> uses it).
/// </summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate for global step <paramref name="step"/> (0-based, counted over all epochs).</summary>
    double LearningRateAt(int step);

    /// <summary>Called after each epoch with the monitored loss (validation loss, or training loss without validation data). Default: ignored.</summary>
    void ReportEpochLoss(double loss) { }
}
