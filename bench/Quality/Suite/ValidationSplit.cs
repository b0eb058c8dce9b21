using Microsoft.ML.Dropout;
using Microsoft.ML;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// The tuning data of one dataset: the training part of its (first) test split, featurized, then cut into 80% for
/// fitting and a 20% validation part (seed 42; stratified by class for classification). The test part is never read.
/// </summary>
internal static class ValidationSplit
{
    public const int Seed = 42;
    private const int Folds = 5; // one fold of five = 20%

    public static FeaturizedSplit Carve(MLContext ml, SuiteDataset dataset, SuiteData data, NumericScaling scaling)
    {
        var (train, _) = data.Split(ml, data.SplitSeeds(1)[0]);
        var featurized = data.Featurize(ml, dataset.Name, train, train, scaling);
        TrainingData rows = TrainingDataReader.Read(featurized.Train);
        int classCount = TrainingDataReader.ClassCount(featurized.Train);
        // Regression: one group, so the deal is a plain seeded shuffle.
        float[] strata = dataset.Task == TaskKind.Regression ? new float[rows.RowCount] : rows.Labels;
        int[] fold = IrisDataset.StratifiedFolds(strata, Folds, Seed);
        var fit = Enumerable.Range(0, rows.RowCount).Where(i => fold[i] != 0).ToArray();
        var validation = Enumerable.Range(0, rows.RowCount).Where(i => fold[i] == 0).ToArray();
        return new FeaturizedSplit(dataset.Name, dataset.Task,
            InMemoryView.Create(ml, rows.Subset(fit), dataset.Task, classCount),
            InMemoryView.Create(ml, rows.Subset(validation), dataset.Task, classCount),
            featurized.Featurizer, rows.FeatureCount, fit.Length, validation.Length,
            $"validation: {Folds}-fold deal (seed {Seed}) of the training part, fold 1 held out");
    }
}
