namespace Microsoft.ML.Dropout.Schedules;

/// <summary>
/// RealMLP-TD's dropout schedule ("flat_cos"): the target rate for the first <see cref="FlatFraction"/> of training,
/// then a half-cosine down to 0: rate(e) = target·φ(e/totalEpochs) with φ(t) = 1 for t ≤ f and
/// ½(1 + cos(π·(t − f)/(1 − f))) after (t is the progress at the start of epoch e, as pytabkit measures it).
/// </summary>
public sealed class FlatCosineDropoutSchedule : IDropoutSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="flatFraction">f, the share of training at the full rate. Default 0.5 (RealMLP-TD); range [0, 1].</param>
    public FlatCosineDropoutSchedule(double flatFraction = 0.5) =>
        FlatFraction = OptionGuard.InRange(flatFraction, 0, 1, nameof(flatFraction));

    /// <summary>f, the share of training at the full rate.</summary>
    public double FlatFraction { get; }

    /// <inheritdoc/>
    public double RateAt(int epoch, int totalEpochs, double targetRate)
    {
        DropoutScheduleGuard.Check(epoch, totalEpochs, targetRate);
        return DropoutScheduleGuard.Clamp(targetRate * FlatCosine.Factor((double)epoch / totalEpochs, FlatFraction), targetRate);
    }
}
