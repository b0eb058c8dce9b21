namespace Microsoft.ML.Dropout.Schedules;

/// <summary>The base learning rate at every step.</summary>
public sealed class ConstantLearningRateSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="baseRate">Learning rate &gt; 0.</param>
    public ConstantLearningRateSchedule(double baseRate) => BaseRate = OptionGuard.Positive(baseRate, "LearningRate");

    /// <summary>The rate returned at every step.</summary>
    public double BaseRate { get; }

    /// <inheritdoc/>
    public double LearningRateAt(int step) => BaseRate;
}
