
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
        var map = new double[classes, informative];
        for (int f = 0; f < informative; f++)
            for (int c = 0; c < classes; c++)
                map[c, f] = mapRandom.NextDouble() < sparsity ? 0 : GaussianSampler.Sample(mapRandom);
        var table = Sample(rows, features, map, new Random(unchecked(seed * 7919 + 17)));
        if (labelNoise > 0)
        {
            var noise = new Random(unchecked(seed * 104729 + 31));
            for (int r = 0; r < rows; r++)
                if (noise.NextDouble() < labelNoise)
                    table.Labels[r] = noise.Next(classes);
        }
        return table;
    }

    /// <summary>
    /// A second, fixed problem of the same kind for unit tests: the label map is drawn once from seed 12345 (each
    /// entry non-zero with probability ½), so every <paramref name="seed"/> samples new rows of the same problem.
    /// Small tables train in milliseconds; exact values are relied on by seeded tests, so the draws never change.
    /// </summary>
    /// <param name="rows">Rows, ≥ 1.</param>
    /// <param name="features">Features, ≥ informative.</param>
    /// <param name="informative">Features that carry signal, ≥ 1.</param>
    /// <param name="seed">Seed of the rows.</param>
    /// <param name="classes">Classes, ≥ 2. Default 4.</param>
    public static TrainingData FixedProblem(int rows, int features, int informative, int seed, int classes = 4)
    {
        OptionGuard.AtLeast(rows, 1, nameof(rows));
        OptionGuard.AtLeast(informative, 1, nameof(informative));
        OptionGuard.AtLeast(features, informative, nameof(features));
        OptionGuard.AtLeast(classes, 2, nameof(classes));
        var mapRandom = new Random(12345);
        var map = new double[classes, informative];
        for (int c = 0; c < classes; c++)
            for (int f = 0; f < informative; f++)
                map[c, f] = mapRandom.NextDouble() < 0.5 ? GaussianSampler.Sample(mapRandom) : 0;
        return Sample(rows, features, map, new Random(seed));
    }

    /// <summary>The same features with labels drawn uniformly at random: nothing to learn.</summary>
    /// <param name="data">The table whose features are kept (not copied).</param>
    /// <param name="classes">Classes, ≥ 2.</param>
    /// <param name="seed">Seed of the labels.</param>
    public static TrainingData WithRandomLabels(TrainingData data, int classes, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        OptionGuard.AtLeast(classes, 2, nameof(classes));
        var random = new Random(seed);
        var labels = new float[data.RowCount];
        for (int r = 0; r < labels.Length; r++)
            labels[r] = random.Next(classes);
        return new TrainingData(data.Features, data.RowCount, data.FeatureCount, labels);
    }

    /// <summary>Standard normal features from <paramref name="random"/>; label = argmax over classes of map[c, :]·x[:informative] (first maximum wins).</summary>
    private static TrainingData Sample(int rows, int features, double[,] map, Random random)
    {
        int classes = map.GetLength(0), informative = map.GetLength(1);
        var x = new float[checked(rows * features)];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            var row = x.AsSpan(r * features, features);
            GaussianSampler.Fill(random, row);
            int best = 0;
            double bestScore = double.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                double score = 0;
                for (int f = 0; f < informative; f++)
                    score += row[f] * map[c, f];
                if (score > bestScore)
                {
                    bestScore = score;
                    best = c;
                }
            }
            y[r] = best;
        }
        return new TrainingData(x, rows, features, y);
    }
}
