using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Samples.Datasets;

/// <summary>
/// California housing (regression, 20,640 rows, 8 numeric features) from <c>california_housing.csv</c>
/// (scikit-learn layout); the label is <c>MedHouseVal</c> in units of $100,000. Split: random 80/20 with a fixed seed
/// (ML.NET <c>TrainTestSplit</c>).
/// </summary>
public static class CaliforniaHousingDataset
{
    /// <summary>Folder name under the dataset root.</summary>
    public const string FolderName = "california-housing";

    /// <summary>Seed of the fixed 80/20 split.</summary>
    public const int SplitSeed = 42;

    /// <summary>The 8 feature columns.</summary>
    public static readonly IReadOnlyList<string> NumericColumns =
        new[] { "MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population", "AveOccup", "Latitude", "Longitude" };

    /// <summary>Loads the fixed split, or returns null and says why in <paramref name="missing"/>.</summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="datasetRoot">The folder that holds <c>california-housing/</c>.</param>
    /// <param name="missing">Why the dataset was not loaded; empty on success.</param>
    /// <param name="scaling">Numeric rescaling in the featurizer. Default mean/variance.</param>
    /// <param name="seed">Split seed. Default <see cref="SplitSeed"/>.</param>
    public static DatasetSplit? TryLoad(MLContext mlContext, string datasetRoot, out string missing,
        NumericScaling scaling = NumericScaling.MeanVariance, int seed = SplitSeed)
    {
        string? folder = DatasetLocator.TryGetDatasetFolder(datasetRoot, FolderName, out missing, "california_housing.csv");
        if (folder is null) return null;
        var columns = NumericColumns.Select((name, i) => new TextLoader.Column(name, DataKind.Single, i))
            .Append(new TextLoader.Column(TabularFeaturizer.LabelColumn, DataKind.Single, NumericColumns.Count))
            .ToArray();
        IDataView all = mlContext.Data.LoadFromTextFile(Path.Combine(folder, "california_housing.csv"), columns, separatorChar: ',', hasHeader: true);
        var split = mlContext.Data.TrainTestSplit(all, testFraction: 0.2, seed: seed);
        return new DatasetSplit("california", TaskKind.Regression, split.TrainSet, split.TestSet,
            TabularFeaturizer.Build(mlContext, TaskKind.Regression, NumericColumns, Array.Empty<string>(), scaling),
            $"random 80/20 split, seed {seed}");
    }
}
