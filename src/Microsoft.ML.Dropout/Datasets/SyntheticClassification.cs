
namespace Microsoft.ML.Dropout.Datasets;

/// <summary>
/// The synthetic overfitting problem of the reference experiment (REGULARIZATION.md): Gaussian features of which
/// only the first <c>informative</c> carry signal; the label is the argmax of a sparse random linear map of those.
/// Few rows and many noise features make an unregularized MLP overfit.
/// </summary>
public static class SyntheticClassification
{
    /// <summary>Generates the table (row-major features, labels 0..classes−1). Deterministic for a seed.</summary>
    /// <param name="rows">Rows, ≥ 1. Reference experiment: 2,000.</param>
    /// <param name="features">Features, ≥ informative. Reference: 50.</param>
    /// <param name="informative">Features that carry signal, ≥ 1. Reference: 10.</param>
    /// <param name="classes">Classes, ≥ 2. Reference: 4.</param>
    /// <param name="seed">Random seed; the label map depends only on the seed, so two calls with the same seed and
    /// different <paramref name="rows"/> share one problem.</param>
    /// <param name="sparsity">Fraction of the linear map's entries that are zero, in [0, 1). Default 0.5.</param>
    /// <param name="labelNoise">Fraction of rows whose label is replaced by a uniformly random class (which may
    /// equal the true one), in [0, 1). Default 0: noiseless labels, where memorizing costs little. Real tabular
    /// labels are noisy; with 0.1 an unregularized MLP memorizes the noise and regularization visibly pays.</param>
    public static TrainingData Generate(int rows = 2000, int features = 50, int informative = 10, int classes = 4, int seed = 0,
        double sparsity = 0.5, double labelNoise = 0)
    {
        OptionGuard.AtLeast(rows, 1, nameof(rows));
        OptionGuard.AtLeast(informative, 1, nameof(informative));
        OptionGuard.AtLeast(features, informative, nameof(features));
        OptionGuard.AtLeast(classes, 2, nameof(classes));
        OptionGuard.Rate(sparsity, nameof(sparsity));
        OptionGuard.Rate(labelNoise, nameof(labelNoise));

        var mapRandom = new Random(seed);
        var map = new double[informative * classes];
        for (int i = 0; i < map.Length; i++)
            map[i] = mapRandom.NextDouble() < sparsity ? 0 : Gaussian(mapRandom);

        var random = new Random(unchecked(seed * 7919 + 17));
        var x = new float[(long)rows * features];
        var y = new float[rows];
        var scores = new double[classes];
        for (int r = 0; r < rows; r++)
        {
            long offset = (long)r * features;
            for (int f = 0; f < features; f++)
                x[offset + f] = (float)Gaussian(random);
            Array.Clear(scores);
            for (int f = 0; f < informative; f++)
                for (int c = 0; c < classes; c++)
                    scores[c] += x[offset + f] * map[f * classes + c];
            int best = 0;
            for (int c = 1; c < classes; c++)
                if (scores[c] > scores[best]) best = c;
            y[r] = best;
        }
        if (labelNoise > 0)
        {
            var noise = new Random(unchecked(seed * 104729 + 31));
            for (int r = 0; r < rows; r++)
                if (noise.NextDouble() < labelNoise)
                    y[r] = noise.Next(classes);
        }
        return new TrainingData(x, rows, features, y);
    }

    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
