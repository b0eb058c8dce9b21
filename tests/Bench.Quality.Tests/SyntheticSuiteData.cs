using Microsoft.ML.Dropout;
using Microsoft.ML;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Bench.Quality.Suite;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality.Tests;

/// <summary>Small synthetic datasets shaped like the suite's (raw columns, a Label, a featurizer per scaling).</summary>
internal static class SyntheticSuiteData
{
    public sealed class BinaryRow
    {
        public float X { get; set; }
        public string Color { get; set; } = "";
        public bool Label { get; set; }
    }

    /// <summary><paramref name="positives"/> of <paramref name="rows"/> rows are positive; X is the row index.</summary>
    public static SuiteData Binary(MLContext ml, int rows, int positives)
    {
        var data = Enumerable.Range(0, rows)
            .Select(i => new BinaryRow { X = i, Color = i % 3 == 0 ? "red" : "blue", Label = i < positives })
            .ToList();
        var view = ml.Data.LoadFromEnumerable(data);
        return new SuiteData(TaskKind.BinaryClassification, (view, view), null, rows,
            s => TabularFeaturizer.Build(ml, TaskKind.BinaryClassification, new[] { "X" }, new[] { "Color" }, s), "synthetic");
    }

    public static SuiteDataset Dataset(TaskKind task, bool comparedByAuc = false) =>
        new("synthetic", "Synthetic", task, comparedByAuc, true, (_, _) => (null, "not loadable"));
}
