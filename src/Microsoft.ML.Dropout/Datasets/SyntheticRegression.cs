namespace Microsoft.ML.Dropout.Datasets;

/// <summary>
/// A seeded regression table in large label units: standard normal features, y = 1000 + 100·x₀ − 50·x₁ + 5·ε with
/// ε ~ N(0, 1), the other features noise. The offset and scale exercise target standardization.
/// </summary>
public static class SyntheticRegression
{
    /// <summary>Generates the table (row-major features). Deterministic for a seed; exact values are relied on by seeded tests.</summary>
    /// <param name="rows">Rows, ≥ 1.</param>
    /// <param name="features">Features, ≥ 2.</param>
    /// <param name="seed">Random seed.</param>
    public static TrainingData Generate(int rows, int features, int seed)
    {
        OptionGuard.AtLeast(rows, 1, nameof(rows));
        OptionGuard.AtLeast(features, 2, nameof(features));
        var random = new Random(seed);
        var x = new float[checked(rows * features)];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            var row = x.AsSpan(r * features, features);
            GaussianSampler.Fill(random, row);
            // Single-precision terms as the tests were written: (1000 + 100·x₀ − 50·x₁) in float, then + 5·ε in double.
            y[r] = (float)(1000 + 100 * row[0] - 50 * row[1] + 5 * GaussianSampler.Sample(random));
        }
        return new TrainingData(x, rows, features, y);
    }
}
