namespace Microsoft.ML.Dropout.Metrics;

/// <summary>Outcome of <see cref="TemperatureScaling.FitWithReport(ReadOnlySpan{float}, int, int, ReadOnlySpan{int}, double, double)"/>.</summary>
/// <param name="Temperature">The fitted T &gt; 0: calibrated logits are logits/T (T &gt; 1 softens over-confident predictions).</param>
/// <param name="NllBefore">Mean negative log-likelihood (nats per row) at T = 1.</param>
/// <param name="NllAfter">Mean negative log-likelihood at the fitted T (≤ <paramref name="NllBefore"/> unless T = 1 lies outside the search range).</param>
/// <param name="AtBound">True when T ended at a bound of the search range (e.g. separable data drive T towards 0).</param>
public sealed record TemperatureScalingResult(double Temperature, double NllBefore, double NllAfter, bool AtBound)
{
    /// <summary>
    /// True when T ended at the lower bound: the logits put every held-out row on its own label's side with a
    /// margin, so the likelihood keeps rising as T → 0 and the data do not determine T. Applying it would make every
    /// prediction near-certain, and one later mistake would cost an unbounded log-loss; the trainer and
    /// <c>CalibrateTemperature</c> leave the temperature at 1 instead and, when it was asked for explicitly, say why
    /// in their warnings (<see cref="NotAppliedReason"/>).
    /// </summary>
    public bool Separated => AtBound && Temperature < 1;

    /// <summary>Held-out rows the temperature was fitted on (0 when not recorded).</summary>
    public int Rows { get; init; }

    /// <summary>Why this temperature should not be applied (null when it can be): see <see cref="Separated"/>.</summary>
    public string? NotAppliedReason => Separated
        ? System.FormattableString.Invariant($"the temperature was left at 1: the model's logits put all {Rows} held-out rows on their own label's side with a margin, so their likelihood keeps rising as T falls (the fit stopped at the search's lower end, T = {Temperature:0.###}) and they do not determine T; applying it would make every prediction near-certain.")
        : null;
}
