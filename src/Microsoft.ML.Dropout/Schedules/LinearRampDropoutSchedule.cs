using System.Globalization;

namespace Microsoft.ML.Dropout.Schedules;

/// <summary>
/// The library's default schedule: the rate rises linearly from <see cref="StartFraction"/>·target at epoch 0 to
/// the target at epoch E = round(<see cref="RampFraction"/>·totalEpochs) (midpoints rounded away from zero), then
/// stays there: rate(e) = target·(s + (1 − s)·min(e/E, 1)); E = 0 gives the target from the start. With the
/// defaults and target 0.3 over 50 epochs: 0.1 at epoch 0, 0.196 at epoch 12, 0.3 from epoch 25 on. A start
/// fraction of 0 is a warm-up from no dropout.
/// </summary>
public sealed class LinearRampDropoutSchedule : IDropoutSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="startFraction">Fraction of the target used at epoch 0. Default 1/3; range [0, 1].</param>
    /// <param name="rampFraction">Fraction of the planned epochs the ramp lasts. Default 0.5; range [0, 1].</param>
    public LinearRampDropoutSchedule(double startFraction = 1.0 / 3, double rampFraction = 0.5)
    {
        StartFraction = OptionGuard.InRange(startFraction, 0, 1, nameof(startFraction));
        RampFraction = OptionGuard.InRange(rampFraction, 0, 1, nameof(rampFraction));
    }

    /// <summary>Fraction of the target used at epoch 0, in [0, 1]. Default 1/3.</summary>
    public double StartFraction { get; }

    /// <summary>Fraction of the planned epochs over which the rate ramps, in [0, 1]. Default 0.5.</summary>
    public double RampFraction { get; }

    /// <summary>The epoch at which the ramp reaches the target: round(RampFraction·totalEpochs).</summary>
    /// <param name="totalEpochs">Planned epochs, ≥ 1.</param>
    public int RampEndEpoch(int totalEpochs) => (int)Math.Round(RampFraction * totalEpochs, MidpointRounding.AwayFromZero);

    /// <inheritdoc/>
    public double RateAt(int epoch, int totalEpochs, double targetRate)
    {
        DropoutScheduleGuard.Check(epoch, totalEpochs, targetRate);
        int end = RampEndEpoch(totalEpochs);
        double progress = end <= 0 ? 1.0 : Math.Min((double)epoch / end, 1.0);
        return DropoutScheduleGuard.Clamp(targetRate * (StartFraction + (1 - StartFraction) * progress), targetRate);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"LinearRamp(start={StartFraction:0.###}×target, ramp={RampFraction:0.###}×epochs)");
}
