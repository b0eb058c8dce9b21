namespace Microsoft.ML.Dropout.Schedules;

/// <summary>
/// A half-cosine rise from <see cref="StartFraction"/>·target at the first epoch to the target at the last planned
/// epoch: rate(e) = target·(s + (1 − s)·(1 − cos(π·t))/2) with t = min(e/(totalEpochs − 1), 1) (t = 1 when
/// totalEpochs = 1). Slow at both ends, fastest in the middle of training.
/// </summary>
public sealed class CosineDropoutSchedule : IDropoutSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="startFraction">Fraction of the target used at epoch 0. Default 0; range [0, 1].</param>
    public CosineDropoutSchedule(double startFraction = 0.0) =>
        StartFraction = OptionGuard.InRange(startFraction, 0, 1, nameof(startFraction));

    /// <summary>Fraction of the target at epoch 0, in [0, 1]. Default 0.</summary>
    public double StartFraction { get; }

    /// <inheritdoc/>
    public double RateAt(int epoch, int totalEpochs, double targetRate)
    {
        DropoutScheduleGuard.Check(epoch, totalEpochs, targetRate);
        double t = totalEpochs == 1 ? 1.0 : Math.Min((double)epoch / (totalEpochs - 1), 1.0);
        double shape = (1 - Math.Cos(Math.PI * t)) / 2;
        return DropoutScheduleGuard.Clamp(targetRate * (StartFraction + (1 - StartFraction) * shape), targetRate);
    }
}
