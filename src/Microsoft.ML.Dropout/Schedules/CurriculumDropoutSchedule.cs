namespace Microsoft.ML.Dropout.Schedules;

/// <summary>
/// Curriculum dropout (Morerio et al. 2017): the retain probability decays from 1 towards 1 − target as
/// θ(t) = (1 − θ̄)·exp(−γt) + θ̄, so the drop rate rises smoothly from 0: rate(e) = target·(1 − exp(−γ·e)), with e
/// the 0-based epoch (the paper counts iterations; one epoch is our unit). Without an explicit γ the schedule uses
/// γ = 5/totalEpochs, which reaches ≈ 99.3% of the target by the end of the planned epochs.
/// </summary>
public sealed class CurriculumDropoutSchedule : IDropoutSchedule
{
    private readonly double? _gamma;

    /// <summary>Creates the schedule with γ = 5/totalEpochs.</summary>
    public CurriculumDropoutSchedule() { }

    /// <summary>Creates the schedule with a fixed γ per epoch.</summary>
    /// <param name="gamma">Rate of approach to the target, per epoch; &gt; 0.</param>
    public CurriculumDropoutSchedule(double gamma) => _gamma = OptionGuard.Positive(gamma, nameof(gamma));

    /// <summary>The fixed γ, or null when γ = 5/totalEpochs is used.</summary>
    public double? Gamma => _gamma;

    /// <inheritdoc/>
    public double RateAt(int epoch, int totalEpochs, double targetRate)
    {
        DropoutScheduleGuard.Check(epoch, totalEpochs, targetRate);
        double gamma = _gamma ?? 5.0 / totalEpochs;
        return DropoutScheduleGuard.Clamp(targetRate * (1 - Math.Exp(-gamma * epoch)), targetRate);
    }
}
