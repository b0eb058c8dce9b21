namespace Microsoft.ML.Dropout.Schedules;

/// <summary>Argument checks shared by the dropout schedules' <see cref="IDropoutSchedule.RateAt"/>.</summary>
internal static class DropoutScheduleGuard
{
    internal static void Check(int epoch, int totalEpochs, double targetRate)
    {
        OptionGuard.AtLeast(epoch, 0, "epoch");
        OptionGuard.AtLeast(totalEpochs, 1, "totalEpochs");
        OptionGuard.Rate(targetRate, "targetRate");
    }

    /// <summary>Keeps a computed rate inside [0, target] (guards rounding at the ends of a curve).</summary>
    internal static double Clamp(double rate, double targetRate) => Math.Clamp(rate, 0.0, targetRate);
}
