using Microsoft.ML.Dropout;
using Microsoft.ML;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// A suite dataset as loaded: either an official train/test split or all rows to be split 80/20 by seed, plus the
/// featurization (label mapping, one-hot categoricals, mean-imputed numerics rescaled as asked).
/// </summary>
/// <param name="Task">The prediction task.</param>
/// <param name="Official">The official (train, test) split, or null when the rows are split by seed.</param>
/// <param name="All">All rows, when there is no official split.</param>
/// <param name="Rows">Number of rows (train + test), which decides repeated splits.</param>
/// <param name="Featurizer">Unfitted featurizer producing <c>Features</c> and <c>Label</c> for a numeric scaling.</param>
/// <param name="SplitNote">The split as the dataset's README prescribes it.</param>
internal sealed record SuiteData(TaskKind Task, (IDataView Train, IDataView Test)? Official, IDataView? All, long Rows,
    Func<NumericScaling, IEstimator<ITransformer>> Featurizer, string SplitNote)
{
    /// <summary>
    /// What loading the file did beyond the split, each said after the split in the dataset's heading line: rows left
    /// out for a missing target, columns read as categorical or renamed, fields read as missing
    /// (<see cref="DelimitedFile.FromRCsv"/>). Empty for the sets the suite lists by name.
    /// </summary>
    public IReadOnlyList<string> DataNotes { get; init; } = [];

    /// <summary>Sets under this many rows are evaluated on repeated splits (one error moves accuracy by up to 3 points).</summary>
    public const int RepeatedSplitThreshold = 5_000;

    /// <summary>Seeds of the 80/20 splits: 42 only, or 42–46 for small sets without an official split.</summary>
    public IReadOnlyList<int> SplitSeeds(int repeats) =>
        Official is null && Rows < RepeatedSplitThreshold ? Enumerable.Range(42, repeats).ToArray() : new[] { 42 };

    /// <summary>The split for one seed (the official split ignores the seed).</summary>
    public (IDataView Train, IDataView Test) Split(MLContext ml, int seed)
    {
        if (Official is { } official) return official;
        var split = ml.Data.TrainTestSplit(All!, testFraction: 0.2, seed: seed);
        return (split.TrainSet, split.TestSet);
    }

    /// <summary>Fits the featurizer on <paramref name="train"/> and caches both parts (see <see cref="DatasetSplit.Featurize"/>).</summary>
    public FeaturizedSplit Featurize(MLContext ml, string name, IDataView train, IDataView test, NumericScaling scaling) =>
        new DatasetSplit(name, Task, train, test, Featurizer(scaling), SplitNote).Featurize(ml);
}
