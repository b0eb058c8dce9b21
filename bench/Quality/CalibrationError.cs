namespace MLNetRegularization.Bench.Quality;

/// <summary>
/// Expected calibration error with equal-width confidence bins (Guo et al. 2017):
/// ECE = Σ_m (|B_m|/n)·|acc(B_m) − conf(B_m)|, on the top-label confidence.
/// Local stand-in until the engine's Metrics land.
/// </summary>
internal static class CalibrationError
{
    public static double Expected(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct, int bins = 15)
    {
        if (confidence.Count != correct.Count) throw new ArgumentException("confidence and correct differ in length.");
        if (confidence.Count == 0) return double.NaN;
        var count = new int[bins];
        var sumConfidence = new double[bins];
        var sumCorrect = new double[bins];
        for (int i = 0; i < confidence.Count; i++)
        {
            double c = Math.Clamp(confidence[i], 0, 1);
            int b = Math.Min(bins - 1, (int)(c * bins));
            count[b]++;
            sumConfidence[b] += c;
            sumCorrect[b] += correct[i] ? 1 : 0;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++)
            if (count[b] > 0)
                ece += (double)count[b] / confidence.Count * Math.Abs(sumCorrect[b] / count[b] - sumConfidence[b] / count[b]);
        return ece;
    }
}
