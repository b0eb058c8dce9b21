using System.Diagnostics;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// The suite's rule for a trainer's train seconds, the same for every trainer: the first timed fit (the one that is
/// evaluated) counts; while the timed fits so far took less than <see cref="MinimumSeconds"/> in total and fewer than
/// <see cref="MaximumFits"/> ran, the same fit runs again; the reported time is the median per fit. A
/// sub-second fit (LightGBM's on small sets, which varies several-fold between runs on a shared machine) is then a
/// median of up to five, and a fit of a second or more is timed once, as before. Metrics are never recomputed.
/// </summary>
internal static class FitTiming
{
    /// <summary>Keep fitting until the timed fits took this long in total (1 s)…</summary>
    public const double MinimumSeconds = 1.0;

    /// <summary>…or this many fits ran (5).</summary>
    public const int MaximumFits = 5;

    /// <summary>
    /// The seconds of every timed fit: <paramref name="firstFitSeconds"/> and as many more fits as the rule asks for, each
    /// prepared untimed by <paramref name="prepareFit"/> (the estimator, on a warmed-up context other than the one the
    /// metrics' fits draw from) and then timed.
    /// </summary>
    public static IReadOnlyList<double> Seconds(double firstFitSeconds, Func<Action> prepareFit) => Seconds(firstFitSeconds, () =>
    {
        var fit = prepareFit();
        var clock = Stopwatch.StartNew();
        fit();
        return clock.Elapsed.TotalSeconds;
    });

    /// <summary>The rule on its own: <paramref name="timedFit"/> runs one more fit and returns its seconds; the seconds of every timed fit, the first first.</summary>
    public static IReadOnlyList<double> Seconds(double firstFitSeconds, Func<double> timedFit)
    {
        var times = new List<double> { firstFitSeconds };
        while (times.Sum() < MinimumSeconds && times.Count < MaximumFits)
            times.Add(timedFit());
        return times;
    }

    /// <summary>The reported seconds per fit: the median of <see cref="Seconds(double, Func{double})"/>.</summary>
    public static double MedianSeconds(double firstFitSeconds, Func<double> timedFit) => Median(Seconds(firstFitSeconds, timedFit).ToArray());

    /// <summary>The middle value, or the mean of the two middle values.</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The sentence for the report header.</summary>
    public static string Description =>
        $"train seconds exclude native library loading (one untimed fit per trainer first); a trainer whose timed fits take under {MinimumSeconds:0} s in total " +
        $"fits again (the same fit, on a second warmed-up MLContext) until they took {MinimumSeconds:0} s or {MaximumFits} fits ran, and the median per fit is reported (the same rule for every trainer; metrics come from the first fit)";
}
