namespace Microsoft.ML.Dropout.Schedules;

/// <summary>
/// A staircase: the rate starts at <see cref="StartFraction"/>·target and is multiplied by <see cref="Factor"/>
/// every <see cref="StepEpochs"/> epochs, never exceeding the target:
/// rate(e) = target·min(1, s·factor^⌊e/step⌋). Factor &gt; 1 raises dropout in steps (e.g. s = 0.25, factor 2:
/// ¼, ½, then the full target); factor &lt; 1 with s = 1 anneals it downwards.
/// </summary>
public sealed class StepDropoutSchedule : IDropoutSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="stepEpochs">Epochs between changes. ≥ 1.</param>
    /// <param name="factor">Multiplier applied at each step. Default 2; &gt; 0.</param>
    /// <param name="startFraction">Fraction of the target used at epoch 0. Default 0.25; range [0, 1].</param>
    public StepDropoutSchedule(int stepEpochs, double factor = 2.0, double startFraction = 0.25)
    {
        StepEpochs = OptionGuard.AtLeast(stepEpochs, 1, nameof(stepEpochs));
        Factor = OptionGuard.Positive(factor, nameof(factor));
        StartFraction = OptionGuard.InRange(startFraction, 0, 1, nameof(startFraction));
    }

    /// <summary>Epochs between changes, ≥ 1.</summary>
    public int StepEpochs { get; }

    /// <summary>Multiplier per step, &gt; 0. Default 2.</summary>
    public double Factor { get; }

    /// <summary>Fraction of the target at epoch 0, in [0, 1]. Default 0.25.</summary>
    public double StartFraction { get; }

    /// <inheritdoc/>
    public double RateAt(int epoch, int totalEpochs, double targetRate)
    {
        DropoutScheduleGuard.Check(epoch, totalEpochs, targetRate);
        int steps = epoch / StepEpochs;
        double fraction = Math.Min(1.0, StartFraction * Math.Pow(Factor, steps));
        return DropoutScheduleGuard.Clamp(targetRate * fraction, targetRate);
    }
}
