namespace Microsoft.ML.Dropout.Schedules;

/// <summary>
/// RealMLP-TD's weight-decay schedule ("flat_cos"): λ for the first <see cref="FlatFraction"/> of the steps, then a
/// half-cosine down to 0: λ(s) = λ·φ(s/T) with φ(t) = 1 for t ≤ f and ½(1 + cos(π·(t − f)/(1 − f))) after.
/// </summary>
public sealed class FlatCosineWeightDecay : IWeightDecaySchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="weightDecay">λ ≥ 0 (RealMLP-TD: 0.02 with its learning rates).</param>
    /// <param name="totalSteps">Planned optimizer steps T ≥ 1.</param>
    /// <param name="flatFraction">f. Default 0.5 (RealMLP-TD); range [0, 1].</param>
    public FlatCosineWeightDecay(double weightDecay, int totalSteps, double flatFraction = 0.5)
    {
        WeightDecay = OptionGuard.NonNegative(weightDecay, "WeightDecay");
        TotalSteps = OptionGuard.AtLeast(totalSteps, 1, nameof(totalSteps));
        FlatFraction = OptionGuard.InRange(flatFraction, 0, 1, nameof(flatFraction));
    }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }
    /// <summary>T.</summary>
    public int TotalSteps { get; }
    /// <summary>f.</summary>
    public double FlatFraction { get; }

    /// <inheritdoc/>
    public double WeightDecayAt(int step) => WeightDecay * FlatCosine.Factor((double)step / TotalSteps, FlatFraction);
}
