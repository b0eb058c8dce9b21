using Microsoft.ML;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Samples.Datasets;

/// <summary>
/// Iris (3 classes, 150 rows, 4 numeric features) from <c>iris.data</c>. Too small for one split: evaluated with
/// stratified k-fold cross-validation (each fold holds the same share of every class), folds fixed by a seed.
/// </summary>
public static class IrisDataset
{
    /// <summary>Folder name under the dataset root.</summary>
    public const string FolderName = "iris";

    /// <summary>Seed of the fixed fold assignment.</summary>
    public const int FoldSeed = 42;

    /// <summary>The 4 feature columns.</summary>
    public static readonly IReadOnlyList<string> NumericColumns =
        new[] { nameof(IrisRow.SepalLength), nameof(IrisRow.SepalWidth), nameof(IrisRow.PetalLength), nameof(IrisRow.PetalWidth) };

    /// <summary>Loads all rows (blank lines skipped), or returns null and says why in <paramref name="missing"/>.</summary>
    public static IReadOnlyList<IrisRow>? TryLoadRows(MLContext mlContext, string datasetRoot, out string missing)
    {
        string? folder = DatasetLocator.TryGetDatasetFolder(datasetRoot, FolderName, out missing, "iris.data");
        if (folder is null) return null;
        IDataView view = mlContext.Data.LoadFromTextFile<IrisRow>(Path.Combine(folder, "iris.data"), separatorChar: ',', hasHeader: false);
        return mlContext.Data.CreateEnumerable<IrisRow>(view, reuseRowObject: false)
            .Where(r => !string.IsNullOrWhiteSpace(r.Label))
            .ToList();
    }

    /// <summary>
    /// The <paramref name="folds"/> splits of stratified k-fold cross-validation, or null and the reason in
    /// <paramref name="missing"/>. Split i tests on fold i and trains on the others.
    /// </summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="datasetRoot">The folder that holds <c>iris/</c>.</param>
    /// <param name="missing">Why the dataset was not loaded; empty on success.</param>
    /// <param name="folds">Number of folds, 2–50. Default 5.</param>
    /// <param name="seed">Seed of the fold assignment. Default <see cref="FoldSeed"/>.</param>
    public static IReadOnlyList<DatasetSplit>? TryLoadFolds(MLContext mlContext, string datasetRoot, out string missing, int folds = 5, int seed = FoldSeed)
    {
        if (folds is < 2 or > 50)
            throw new ArgumentOutOfRangeException(nameof(folds), folds, $"folds must be in [2, 50]; got {folds}.");
        var rows = TryLoadRows(mlContext, datasetRoot, out missing);
        if (rows is null) return null;
        int[] fold = StratifiedFolds(rows.Select(r => r.Label).ToArray(), folds, seed);
        var splits = new List<DatasetSplit>(folds);
        for (int k = 0; k < folds; k++)
        {
            var train = rows.Where((_, i) => fold[i] != k).ToList();
            var test = rows.Where((_, i) => fold[i] == k).ToList();
            splits.Add(new DatasetSplit($"iris fold {k + 1}/{folds}", TaskKind.MulticlassClassification,
                mlContext.Data.LoadFromEnumerable(train), mlContext.Data.LoadFromEnumerable(test),
                TabularFeaturizer.Build(mlContext, TaskKind.MulticlassClassification, NumericColumns, Array.Empty<string>()),
                $"stratified {folds}-fold CV, seed {seed}"));
        }
        return splits;
    }

    /// <summary>Assigns each row a fold in [0, folds): rows of each class are shuffled and dealt round-robin.</summary>
    public static int[] StratifiedFolds<T>(IReadOnlyList<T> labels, int folds, int seed) where T : notnull
    {
        var random = new Random(seed);
        var fold = new int[labels.Count];
        int offset = 0;
        foreach (var group in labels.Select((label, index) => (label, index)).GroupBy(p => p.label).OrderBy(g => g.Key.ToString(), StringComparer.Ordinal))
        {
            int[] members = group.Select(p => p.index).ToArray();
            random.Shuffle(members);
            for (int i = 0; i < members.Length; i++)
                fold[members[i]] = (offset + i) % folds;
            offset += members.Length; // continue the deal so small classes do not all start in fold 0
        }
        return fold;
    }
}
