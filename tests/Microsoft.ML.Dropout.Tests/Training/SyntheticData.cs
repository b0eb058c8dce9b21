using Microsoft.ML.Dropout.Datasets;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>The trainer tests' names for the engine's seeded synthetic tables (Microsoft.ML.Dropout.Datasets).</summary>
internal static class SyntheticData
{
    /// <summary>
    /// Gaussian features of which only the first <paramref name="signal"/> carry signal; label = argmax of a sparse
    /// random linear map of those (<see cref="SyntheticClassification.FixedProblem"/>).
    /// </summary>
    internal static TrainingData FourClass(int rows, int features, int signal, int seed, int classes = 4) =>
        SyntheticClassification.FixedProblem(rows, features, signal, seed, classes);

    /// <summary>Same features, labels drawn at random: nothing to learn, so validation loss only gets worse.</summary>
    internal static TrainingData RandomLabels(TrainingData data, int classes, int seed) =>
        SyntheticClassification.WithRandomLabels(data, classes, seed);

    /// <summary>y = 1000 + 100·x₀ − 50·x₁ + 5·ε (<see cref="SyntheticRegression.Generate"/>).</summary>
    internal static TrainingData Regression(int rows, int features, int seed) =>
        SyntheticRegression.Generate(rows, features, seed);
}
