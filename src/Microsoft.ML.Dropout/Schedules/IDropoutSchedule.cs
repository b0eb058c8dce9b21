namespace Microsoft.ML.Dropout.Schedules;

/// <summary>
/// A dropout schedule: the rate a dropout site uses in a given epoch. Implementations are pure functions
/// (no state), so the same schedule can be shared by every layer and by several trainers.
/// </summary>
public interface IDropoutSchedule
{
    /// <summary>The rate for a site whose configured (target) rate is <paramref name="targetRate"/>.</summary>
    /// <param name="epoch">0-based epoch.</param>
    /// <param name="totalEpochs">Planned number of epochs (MaxEpochs), ≥ 1.</param>
    /// <param name="targetRate">The site's configured rate, in [0, 1).</param>
    /// <returns>A rate in [0, 1).</returns>
    double RateAt(int epoch, int totalEpochs, double targetRate);
}
