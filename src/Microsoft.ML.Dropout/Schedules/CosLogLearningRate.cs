namespace Microsoft.ML.Dropout.Schedules;

/// <summary>
/// RealMLP-TD's "coslog4" learning-rate schedule (Holzmüller et al. 2024; pytabkit <c>CoslogFunc</c>):
/// η(t) = η·½(1 − cos(2π·log₂(1 + (2^c − 1)·t))) with t = step/TotalSteps ∈ [0, 1] and c = 4 cycles. The rate
/// starts at 0, and makes c rises and falls whose lengths double (cycle i ends at t = (2^i − 1)/(2^c − 1)), each
/// peaking at η; it ends at 0. Steps ≥ TotalSteps get 0. Unlike warm-up + cosine, the early short cycles act as
/// warm restarts.
/// </summary>
public sealed class CosLogLearningRate : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="baseRate">Peak rate η &gt; 0 (RealMLP-TD: 0.04 classification, 0.2 regression — with its other settings).</param>
    /// <param name="totalSteps">Planned optimizer steps T ≥ 1 (epochs × batches per epoch).</param>
    /// <param name="cycles">c ≥ 1. Default 4 ("coslog4").</param>
    public CosLogLearningRate(double baseRate, int totalSteps, int cycles = 4)
    {
        BaseRate = OptionGuard.Positive(baseRate, "LearningRate");
        TotalSteps = OptionGuard.AtLeast(totalSteps, 1, nameof(totalSteps));
        Cycles = OptionGuard.AtLeast(cycles, 1, nameof(cycles));
    }

    /// <summary>Peak rate η.</summary>
    public double BaseRate { get; }
    /// <summary>Total steps T.</summary>
    public int TotalSteps { get; }
    /// <summary>Cycles c.</summary>
    public int Cycles { get; }

    /// <inheritdoc/>
    public double LearningRateAt(int step)
    {
        double t = Math.Clamp((double)step / TotalSteps, 0, 1);
        double position = Math.Log2(1 + (Math.Pow(2, Cycles) - 1) * t);
        return BaseRate * 0.5 * (1 - Math.Cos(2 * Math.PI * position));
    }
}
