namespace Microsoft.ML.Dropout.Schedules;

/// <summary>
/// Linear warm-up then cosine annealing, per step. Step s &lt; W (warm-up steps): η·(s+1)/W, reaching η at the
/// last warm-up step. After: η_min + (η − η_min)·½(1 + cos(π·t)) with t = (s − W)/(T − W) ∈ [0, 1], so step W
/// gets η and the last step T−1 gets nearly η_min; steps ≥ T stay at η_min. η_min = <c>finalFraction</c>·η.
/// </summary>
public sealed class WarmupCosineLearningRateSchedule : ILearningRateSchedule
{
    private readonly double _minRate;

    /// <summary>Creates the schedule.</summary>
    /// <param name="baseRate">Peak rate η &gt; 0.</param>
    /// <param name="warmupSteps">Warm-up steps W ≥ 0 (0 = start at η).</param>
    /// <param name="totalSteps">Total steps T &gt; W.</param>
    /// <param name="finalFraction">η_min / η in [0, 1]. Default 0.01.</param>
    public WarmupCosineLearningRateSchedule(double baseRate, int warmupSteps, int totalSteps, double finalFraction = 0.01)
    {
        BaseRate = OptionGuard.Positive(baseRate, "LearningRate");
        WarmupSteps = OptionGuard.AtLeast(warmupSteps, 0, nameof(warmupSteps));
        TotalSteps = OptionGuard.AtLeast(totalSteps, warmupSteps + 1, nameof(totalSteps));
        _minRate = OptionGuard.InRange(finalFraction, 0, 1, nameof(finalFraction)) * baseRate;
    }

    /// <summary>Peak rate η.</summary>
    public double BaseRate { get; }
    /// <summary>Warm-up steps W.</summary>
    public int WarmupSteps { get; }
    /// <summary>Total steps T.</summary>
    public int TotalSteps { get; }

    /// <inheritdoc/>
    public double LearningRateAt(int step)
    {
        if (step < WarmupSteps)
            return BaseRate * (step + 1) / WarmupSteps;
        double t = Math.Min(1.0, (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps));
        return _minRate + (BaseRate - _minRate) * 0.5 * (1 + Math.Cos(Math.PI * t));
    }
}
