using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Samples.Datasets;

/// <summary>
/// Boston housing (regression, 506 rows, 13 numeric features) from ML.NET's tab-separated <c>housing.txt</c>;
/// label <c>MedianHomeValue</c> in $1000s. Split: random 80/20 with a fixed seed. Known ethical problem with one
/// feature (see the dataset README): for benchmarking only.
/// </summary>
public static class BostonHousingDataset
{
    /// <summary>Folder name under the dataset root.</summary>
    public const string FolderName = "boston-housing";

    /// <summary>Seed of the fixed 80/20 split.</summary>
    public const int SplitSeed = 42;

    /// <summary>The 13 feature columns, in file order after the label.</summary>
    public static readonly IReadOnlyList<string> NumericColumns =
        new[] { "CrimesPerCapita", "PercentResidental", "PercentNonRetail", "CharlesRiver", "NitricOxides", "RoomsPerDwelling",
                "PercentPre40s", "EmploymentDistance", "HighwayDistance", "TaxRate", "TeacherRatio", "BlackIndex", "PercentLowIncome" };

    /// <summary>Loads the fixed split, or returns null and says why in <paramref name="missing"/>.</summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="datasetRoot">The folder that holds <c>boston-housing/</c>.</param>
    /// <param name="missing">Why the dataset was not loaded; empty on success.</param>
    /// <param name="seed">Split seed. Default <see cref="SplitSeed"/>.</param>
    public static DatasetSplit? TryLoad(MLContext mlContext, string datasetRoot, out string missing, int seed = SplitSeed)
    {
        string? folder = DatasetLocator.TryGetDatasetFolder(datasetRoot, FolderName, out missing, "housing.txt");
        if (folder is null) return null;
        var columns = new[] { new TextLoader.Column(TabularFeaturizer.LabelColumn, DataKind.Single, 0) }
            .Concat(NumericColumns.Select((name, i) => new TextLoader.Column(name, DataKind.Single, i + 1)))
            .ToArray();
        IDataView all = mlContext.Data.LoadFromTextFile(Path.Combine(folder, "housing.txt"), columns, separatorChar: '\t', hasHeader: true);
        var split = mlContext.Data.TrainTestSplit(all, testFraction: 0.2, seed: seed);
        return new DatasetSplit("boston", TaskKind.Regression, split.TrainSet, split.TestSet,
            TabularFeaturizer.Build(mlContext, TaskKind.Regression, NumericColumns, Array.Empty<string>()),
            $"random 80/20 split, seed {seed}");
    }
}
