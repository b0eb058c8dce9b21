using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>Seeded synthetic tables for trainer tests.</summary>
internal static class SyntheticData
{
    /// <summary>
    /// Gaussian features of which only the first <paramref name="signal"/> carry signal; label = argmax of a sparse
    /// random linear map of those (the REGULARIZATION.md reference experiment, scaled down).
    /// </summary>
    internal static TrainingData FourClass(int rows, int features, int signal, int seed, int classes = 4)
    {
        var rng = new Random(seed);
        var map = new double[classes, signal];
        var mapRng = new Random(12345);
        for (int k = 0; k < classes; k++)
            for (int j = 0; j < signal; j++)
                map[k, j] = mapRng.NextDouble() < 0.5 ? Gaussian(mapRng) : 0;
        var x = new float[rows * features];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < features; j++)
                x[r * features + j] = (float)Gaussian(rng);
            int bestK = 0;
            double bestV = double.NegativeInfinity;
            for (int k = 0; k < classes; k++)
            {
                double v = 0;
                for (int j = 0; j < signal; j++) v += map[k, j] * x[r * features + j];
                if (v > bestV) { bestV = v; bestK = k; }
            }
            y[r] = bestK;
        }
        return new TrainingData(x, rows, features, y);
    }

    /// <summary>Same features, labels drawn at random: nothing to learn, so validation loss only gets worse.</summary>
    internal static TrainingData RandomLabels(TrainingData data, int classes, int seed)
    {
        var rng = new Random(seed);
        return new TrainingData(data.Features, data.RowCount, data.FeatureCount, data.Labels.Select(_ => (float)rng.Next(classes)).ToArray());
    }

    internal static TrainingData Regression(int rows, int features, int seed)
    {
        var rng = new Random(seed);
        var x = new float[rows * features];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < features; j++) x[r * features + j] = (float)Gaussian(rng);
            y[r] = (float)(1000 + 100 * x[r * features] - 50 * x[r * features + 1] + 5 * Gaussian(rng));
        }
        return new TrainingData(x, rows, features, y);
    }

    internal static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
