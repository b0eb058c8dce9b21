using System.Numerics;

namespace Microsoft.ML.Dropout;

/// <summary>Scalar activation functions in double precision, matching TorchSharp/PyTorch and ONNX definitions.</summary>
internal static class ActivationMath
{
    /// <summary>SELU α (PyTorch <c>torch.nn.SELU</c> and ONNX Selu default, 1.67326319217681884765625 in float).</summary>
    internal const double SeluAlpha = 1.6732632423543772848170429916717;

    /// <summary>SELU scale γ (PyTorch and ONNX Selu default gamma, 1.05070102214813232421875 in float).</summary>
    internal const double SeluScale = 1.0507009873554804934193349852946;

    private const double TwoOverSqrtPi = 1.1283791670955125738961589031215;
    private const double OneOverSqrtPi = 0.56418958354775628694807945156077;
    private const double InvSqrt2 = 0.70710678118654752440084436210485;

    internal static double Relu(double x) => x > 0 ? x : 0;

    /// <summary>Exact GELU: 0.5·x·(1 + erf(x/√2)), through erfc for negative x (no cancellation in the tail).</summary>
    internal static double Gelu(double x) =>
        x >= 0 ? 0.5 * x * (1 + Erf(x * InvSqrt2)) : 0.5 * x * Erfc(-x * InvSqrt2);

    /// <summary>
    /// GELU at float precision for latency-bound scoring: 0.5·x·(1 + erf(x/√2)) with Abramowitz–Stegun 7.1.26 for
    /// erf (one exp; absolute error ≤ 1.5e−7, about one float ulp, like ONNX Runtime's float Erf), so
    /// |result − <see cref="Gelu"/>| ≤ 0.75e−7·|x|.
    /// </summary>
    internal static double GeluFloatPrecision(double x)
    {
        double a = Math.Abs(x) * InvSqrt2;
        double t = 1 / (1 + ErfP * a);
        double erfc = t * (ErfA1 + t * (ErfA2 + t * (ErfA3 + t * (ErfA4 + t * ErfA5)))) * Math.Exp(-a * a);
        return x >= 0 ? 0.5 * x * (2 - erfc) : 0.5 * x * erfc;
    }

    /// <summary>
    /// <see cref="GeluFloatPrecision(double)"/> evaluated in float on every lane (twice the lanes of the double form
    /// and no widening, for single-row scoring): float rounding adds to the approximation's error, so
    /// |result − <see cref="Gelu"/>| ≤ 3e−7·|x|.
    /// </summary>
    internal static Vector<float> GeluFloatPrecision(Vector<float> x)
    {
        var one = Vector<float>.One;
        var a = Vector.Abs(x) * (float)InvSqrt2;
        var t = one / (one + new Vector<float>((float)ErfP) * a);
        var poly = t * (new Vector<float>((float)ErfA1) + t * (new Vector<float>((float)ErfA2) + t * (new Vector<float>((float)ErfA3)
            + t * (new Vector<float>((float)ErfA4) + t * new Vector<float>((float)ErfA5)))));
        var erfc = poly * Vector.Exp(-(a * a));
        var half = x * 0.5f;
        return Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x, Vector<float>.Zero), half * (new Vector<float>(2f) - erfc), half * erfc);
    }

    // Abramowitz & Stegun 7.1.26: erfc(a) ≈ t·(a1 + t·(a2 + t·(a3 + t·(a4 + t·a5))))·e^(−a²), t = 1/(1 + p·a), a ≥ 0.
    private const double ErfP = 0.3275911;
    private const double ErfA1 = 0.254829592;
    private const double ErfA2 = -0.284496736;
    private const double ErfA3 = 1.421413741;
    private const double ErfA4 = -1.453152027;
    private const double ErfA5 = 1.061405429;

    internal static double Selu(double x) => SeluScale * (x > 0 ? x : SeluAlpha * (Math.Exp(x) - 1));

    internal static double Silu(double x) => x / (1 + Math.Exp(-x));

    internal static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>Maclaurin coefficients (−1)ⁿ/(n!(2n+1)) of erf(x)·√π/(2x) in powers of x².</summary>
    private static readonly double[] MaclaurinCoefficients = BuildMaclaurin(40);

    /// <summary>
    /// The error function: Maclaurin series (Horner in x², 12–40 terms by range) for |x| &lt; 2.5, 1 − erfc(|x|)
    /// beyond. Absolute error ≲ 1e−15.
    /// </summary>
    internal static double Erf(double x)
    {
        double ax = Math.Abs(x);
        if (ax < 2.5)
            return Maclaurin(x);
        double erf = 1 - Erfc(ax);
        return x > 0 ? erf : -erf;
    }

    /// <summary>
    /// The complementary error function for a ≥ 0: 1 − Maclaurin series for a &lt; 2.5 (relative error ≲ 1e−10 near
    /// 2.5, absolute ≲ 1e−15), else Laplace's continued fraction erfc(a) = e^(−a²)/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + …))))
    /// with 40 terms evaluated from the tail (relative error ≲ 4e−15).
    /// </summary>
    internal static double Erfc(double a)
    {
        if (a < 2.5)
            return 1 - Maclaurin(a);
        double f = a;
        for (int n = 40; n >= 1; n--)
            f = a + n * 0.5 / f;
        return Math.Exp(-a * a) * OneOverSqrtPi / f;
    }

    private static double Maclaurin(double x)
    {
        double ax = Math.Abs(x), x2 = x * x;
        int terms = ax < 0.5 ? 12 : ax < 1 ? 17 : ax < 1.5 ? 25 : ax < 2 ? 31 : 40;
        var c = MaclaurinCoefficients;
        double sum = c[terms - 1];
        for (int n = terms - 2; n >= 0; n--)
            sum = sum * x2 + c[n];
        return TwoOverSqrtPi * x * sum;
    }

    private static double[] BuildMaclaurin(int count)
    {
        var c = new double[count];
        double factorial = 1;
        for (int n = 0; n < count; n++)
        {
            if (n > 0) factorial *= n;
            c[n] = (n % 2 == 0 ? 1 : -1) / (factorial * (2 * n + 1));
        }
        return c;
    }
}
