namespace Microsoft.ML.Dropout.Schedules;

/// <summary>Every epoch uses the site's target rate.</summary>
public sealed class ConstantDropoutSchedule : IDropoutSchedule
{
    /// <inheritdoc/>
    public double RateAt(int epoch, int totalEpochs, double targetRate)
    {
        DropoutScheduleGuard.Check(epoch, totalEpochs, targetRate);
        return targetRate;
    }
}
