using System.Globalization;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>The mean of repeated measurements and its standard error (sample sd / √n; 0 for one value).</summary>
internal readonly record struct MeanWithError(double Mean, double StandardError, int Count)
{
    public static MeanWithError Of(IEnumerable<double> values)
    {
        double[] v = values.ToArray();
        if (v.Length == 0) return new MeanWithError(double.NaN, double.NaN, 0);
        double mean = v.Average();
        double se = v.Length < 2 ? 0 : Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1) / v.Length);
        return new MeanWithError(mean, se, v.Length);
    }

    /// <summary>"0.8572" for one value, "0.8572 ± 0.0031" for several.</summary>
    public string Format(string format = "0.0000") =>
        double.IsNaN(Mean) ? "–"
        : Count > 1 ? $"{Mean.ToString(format, CultureInfo.InvariantCulture)} ± {StandardError.ToString(format, CultureInfo.InvariantCulture)}"
        : Mean.ToString(format, CultureInfo.InvariantCulture);
}
