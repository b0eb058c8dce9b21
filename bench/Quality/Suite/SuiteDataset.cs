using Microsoft.ML.Dropout;
using Microsoft.ML;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>One dataset of the suite: how to load it and how our trainer is compared with LightGBM on it.</summary>
/// <param name="Name">Short name used on the command line and in the cache, e.g. "credit-data".</param>
/// <param name="Title">Heading of its table.</param>
/// <param name="Task">The prediction task.</param>
/// <param name="ComparedByAuc">Imbalanced binary sets (coil2000, hmda): the suite score uses AUC, not accuracy.</param>
/// <param name="InScore">False for optional extras (MNIST) that are reported but left out of the summary and S.</param>
/// <param name="Load">Loads the data from the dataset root, or returns null and says why.</param>
internal sealed record SuiteDataset(string Name, string Title, TaskKind Task, bool ComparedByAuc, bool InScore,
    Func<MLContext, string, (SuiteData? Data, string Missing)> Load)
{
    /// <summary>The metric the suite compares on: "accuracy", "AUC" or "RMSE".</summary>
    public string ComparisonMetric => Task == TaskKind.Regression ? "RMSE" : ComparedByAuc ? "AUC" : "accuracy";
}
