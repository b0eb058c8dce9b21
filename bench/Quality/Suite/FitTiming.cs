using System.Diagnostics;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// The suite's rule for a trainer's train seconds, the same for every trainer: the first timed fit (the one that is
/// evaluated) counts; the same fit runs again while fewer than <see cref="MinimumFits"/> ran (unless the first took
/// <see cref="SingleFitSeconds"/> or more) or the timed fits so far took less than <see cref="MinimumSeconds"/> in
/// total, up to <see cref="MaximumFits"/> fits; the reported time is the median per fit. A sub-second fit (LightGBM's
/// on small sets, whose single fits varied from 0.01 s to 2.6 s on the shared machine) is then a median of five, a fit
/// of a few seconds a median of three, and a long fit is timed once. Metrics are never recomputed.
/// </summary>
internal static class FitTiming
{
    /// <summary>At least this many timed fits (3) while the first took under <see cref="SingleFitSeconds"/>: one slow fit (another process took the cores) is then outvoted.</summary>
    public const int MinimumFits = 3;

    /// <summary>A first fit of this long (5 s) or longer is timed once when it also reached <see cref="MinimumSeconds"/>.</summary>
    public const double SingleFitSeconds = 5.0;

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
        int minimumFits = firstFitSeconds < SingleFitSeconds ? MinimumFits : 1;
        while ((times.Count < minimumFits || times.Sum() < MinimumSeconds) && times.Count < MaximumFits)
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
        $"train seconds exclude native library loading (one untimed fit per trainer and task first) and are the median per fit of at least {MinimumFits} timed fits " +
        $"(one when the first took {SingleFitSeconds:0} s or more), more until they took {MinimumSeconds:0} s in total, at most {MaximumFits} " +
        "(the same fit; the repeats on a second warmed-up MLContext; the same rule for every trainer; metrics come from the first fit)";
}
