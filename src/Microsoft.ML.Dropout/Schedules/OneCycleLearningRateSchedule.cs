namespace Microsoft.ML.Dropout.Schedules;

/// <summary>
/// One-cycle policy (Smith 2018), as PyTorch's OneCycleLR with cosine annealing: from η/<c>divFactor</c> up to η
/// over the first <c>pctStart</c> of the steps (step ⌈pctStart·T⌉−1 has η), then down to
/// η/(divFactor·finalDivFactor) at the last step T−1. Per step; steps ≥ T keep the final rate.
/// </summary>
public sealed class OneCycleLearningRateSchedule : ILearningRateSchedule
{
    private readonly double _initial;
    private readonly double _final;
    private readonly double _peakStep;

    /// <summary>Creates the schedule.</summary>
    /// <param name="maxRate">Peak rate η &gt; 0.</param>
    /// <param name="totalSteps">Total steps T ≥ 2.</param>
    /// <param name="pctStart">Fraction of steps spent rising, in (0, 1). Default 0.3.</param>
    /// <param name="divFactor">Initial rate = η/divFactor. Default 25; &gt; 0.</param>
    /// <param name="finalDivFactor">Final rate = initial/finalDivFactor. Default 1e4; &gt; 0.</param>
    public OneCycleLearningRateSchedule(double maxRate, int totalSteps, double pctStart = 0.3, double divFactor = 25, double finalDivFactor = 1e4)
    {
        MaxRate = OptionGuard.Positive(maxRate, "LearningRate");
        TotalSteps = OptionGuard.AtLeast(totalSteps, 2, nameof(totalSteps));
        OptionGuard.Positive(pctStart, nameof(pctStart));
        OptionGuard.InRange(pctStart, 0, 1, nameof(pctStart), maxExclusive: true);
        _initial = maxRate / OptionGuard.Positive(divFactor, nameof(divFactor));
        _final = _initial / OptionGuard.Positive(finalDivFactor, nameof(finalDivFactor));
        _peakStep = Math.Max(1.0, pctStart * totalSteps - 1);
    }

    /// <summary>Peak rate η.</summary>
    public double MaxRate { get; }
    /// <summary>Total steps T.</summary>
    public int TotalSteps { get; }

    /// <inheritdoc/>
    public double LearningRateAt(int step)
    {
        double s = Math.Min(step, TotalSteps - 1);
        if (s <= _peakStep)
            return Anneal(_initial, MaxRate, s / _peakStep);
        double end = TotalSteps - 1;
        return Anneal(MaxRate, _final, (s - _peakStep) / Math.Max(1e-12, end - _peakStep));
    }

    private static double Anneal(double start, double end, double pct) => end + (start - end) / 2 * (1 + Math.Cos(Math.PI * pct));
}
