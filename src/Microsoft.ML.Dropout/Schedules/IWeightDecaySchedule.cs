namespace Microsoft.ML.Dropout.Schedules;

/// <summary>
/// A weight-decay schedule stepped once per optimizer step, like <see cref="ILearningRateSchedule"/>: the trainer
/// asks for the decay coefficient before each step.
/// </summary>
public interface IWeightDecaySchedule
{
    /// <summary>The weight-decay coefficient for global step <paramref name="step"/> (0-based, over all epochs).</summary>
    double WeightDecayAt(int step);
}
