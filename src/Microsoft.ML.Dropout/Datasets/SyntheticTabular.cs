namespace Microsoft.ML.Dropout.Datasets;

/// <summary>
/// Small seeded tables of four uniform features A, B, C, D in [0, 1) (columns 0–3), for pipeline tests and samples:
/// A carries the signal, B weakly, C and D are noise. Exact values are relied on by seeded tests, so the draws never
/// change: per row A, B, C, D in that order, then the noise of the label (multiclass: A, the noise, then B, C, D).
/// </summary>
public static class SyntheticTabular
{
    /// <summary>The four feature names, in column order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } = new[] { "A", "B", "C", "D" };

    /// <summary>Binary labels 0/1: 4(A − ½) + ½(B − ½) + 0.3·ε &gt; 0, ε ~ N(0, 1).</summary>
    /// <param name="rows">Rows, ≥ 1.</param>
    /// <param name="seed">Random seed.</param>
    public static TrainingData Binary(int rows, int seed) =>
        Generate(rows, seed, noiseAfterA: false, (a, b, noise) => 4 * (a - 0.5) + 0.5 * (b - 0.5) + 0.3 * noise > 0 ? 1f : 0f);

    /// <summary>Three classes by thresholds of A + 0.05·ε: 0 below ⅓ (0.33), 1 below 0.66, else 2.</summary>
    /// <param name="rows">Rows, ≥ 1.</param>
    /// <param name="seed">Random seed.</param>
    public static TrainingData Multiclass(int rows, int seed) =>
        Generate(rows, seed, noiseAfterA: true, (a, _, noise) =>
        {
            double noisy = a + 0.05 * noise;
            return noisy < 0.33 ? 0f : noisy < 0.66 ? 1f : 2f;
        });

    /// <summary>Regression target 10 + 6·A + B + 0.1·ε.</summary>
    /// <param name="rows">Rows, ≥ 1.</param>
    /// <param name="seed">Random seed.</param>
    public static TrainingData Regression(int rows, int seed) =>
        Generate(rows, seed, noiseAfterA: false, (a, b, noise) => (float)(10 + 6 * a + b + 0.1 * noise));

    private static TrainingData Generate(int rows, int seed, bool noiseAfterA, Func<float, float, double, float> label)
    {
        OptionGuard.AtLeast(rows, 1, nameof(rows));
        const int width = 4;
        var random = new Random(seed);
        var x = new float[rows * width];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            var row = x.AsSpan(r * width, width);
            row[0] = (float)random.NextDouble();
            double noise = noiseAfterA ? GaussianSampler.Sample(random) : 0;
            for (int f = 1; f < width; f++)
                row[f] = (float)random.NextDouble();
            if (!noiseAfterA)
                noise = GaussianSampler.Sample(random);
            y[r] = label(row[0], row[1], noise);
        }
        return new TrainingData(x, rows, width, y);
    }
}
