namespace Microsoft.ML.Dropout.Metrics;

/// <summary>Outcome of <see cref="TemperatureScaling.FitWithReport(ReadOnlySpan{float}, int, int, ReadOnlySpan{int}, double, double)"/>.</summary>
/// <param name="Temperature">The fitted T &gt; 0: calibrated logits are logits/T (T &gt; 1 softens over-confident predictions).</param>
/// <param name="NllBefore">Mean negative log-likelihood (nats per row) at T = 1.</param>
/// <param name="NllAfter">Mean negative log-likelihood at the fitted T (≤ <paramref name="NllBefore"/> unless T = 1 lies outside the search range).</param>
/// <param name="AtBound">True when T ended at a bound of the search range (e.g. separable data drive T towards 0).</param>
public sealed record TemperatureScalingResult(double Temperature, double NllBefore, double NllAfter, bool AtBound);
