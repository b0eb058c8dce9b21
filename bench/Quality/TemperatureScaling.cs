namespace MLNetRegularization.Bench.Quality;

/// <summary>
/// Binary temperature scaling (Guo et al. 2017): the T &gt; 0 that minimizes the log-loss of sigmoid(z/T) on held-out
/// logits, by golden-section search on log T. Local stand-in until the engine's Metrics land.
/// </summary>
internal static class TemperatureScaling
{
    public static double FitBinary(IReadOnlyList<float> logits, IReadOnlyList<float> labels)
    {
        double lo = Math.Log(0.05), hi = Math.Log(20);
        double phi = (Math.Sqrt(5) - 1) / 2;
        double a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
        double fa = Nll(logits, labels, Math.Exp(a)), fb = Nll(logits, labels, Math.Exp(b));
        for (int i = 0; i < 60; i++)
        {
            if (fa < fb) { hi = b; b = a; fb = fa; a = hi - phi * (hi - lo); fa = Nll(logits, labels, Math.Exp(a)); }
            else { lo = a; a = b; fa = fb; b = lo + phi * (hi - lo); fb = Nll(logits, labels, Math.Exp(b)); }
        }
        return Math.Exp((lo + hi) / 2);
    }

    public static double Nll(IReadOnlyList<float> logits, IReadOnlyList<float> labels, double temperature)
    {
        double sum = 0;
        for (int i = 0; i < logits.Count; i++)
        {
            double z = logits[i] / temperature;
            // −log σ(z) = softplus(−z); −log(1 − σ(z)) = softplus(z)
            sum += labels[i] > 0.5f ? Softplus(-z) : Softplus(z);
        }
        return sum / logits.Count;
    }

    private static double Softplus(double x) => x > 30 ? x : Math.Log(1 + Math.Exp(x));
}
