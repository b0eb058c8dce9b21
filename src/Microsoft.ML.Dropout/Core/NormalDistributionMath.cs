namespace Microsoft.ML.Dropout;

/// <summary>The standard normal distribution's CDF Φ and quantile function Φ⁻¹ in double precision.</summary>
internal static class NormalDistributionMath
{
    private static readonly double Sqrt2 = Math.Sqrt(2);
    private static readonly double Sqrt2Pi = Math.Sqrt(2 * Math.PI);

    /// <summary>Φ(x) = ½·erfc(−x/√2), without cancellation in either tail.</summary>
    internal static double Cdf(double x) =>
        x < 0 ? 0.5 * ActivationMath.Erfc(-x / Sqrt2) : 1 - 0.5 * ActivationMath.Erfc(x / Sqrt2);

    /// <summary>
    /// Φ⁻¹(p) for p in (0, 1): Acklam's rational approximation (relative error 1.15e-9) refined by one Halley step
    /// on Φ, which brings it to ≈1e-15. p = 0 → −∞, p = 1 → +∞.
    /// </summary>
    internal static double InverseCdf(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1)
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must lie in [0, 1].");
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;

        double[] a = { -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00 };
        double[] b = { -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01 };
        double[] c = { -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00 };
        double[] d = { 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00 };
        const double low = 0.02425;
        double x;
        if (p < low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        else if (p <= 1 - low)
        {
            double q = p - 0.5, r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        }
        else
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        // Halley step: e = Φ(x) − p, u = e·√(2π)·e^(x²/2).
        double e = Cdf(x) - p;
        double u = e * Sqrt2Pi * Math.Exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }
}
