using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>One trainer's results on every split of a dataset (one split, or the repeated 80/20 splits), in split order.</summary>
internal sealed record RepeatedResult(string Trainer, IReadOnlyList<QualityResult> Splits)
{
    public bool Failed => Splits.Any(s => s.Note?.StartsWith("failed", StringComparison.Ordinal) == true);
    public string? FailureNote => Splits.Select(s => s.Note).FirstOrDefault(n => n?.StartsWith("failed", StringComparison.Ordinal) == true);

    public MeanWithError Of(Func<QualityResult, double?> metric) => MeanWithError.Of(Splits.Select(s => metric(s) ?? double.NaN).Where(v => !double.IsNaN(v)));

    /// <summary>The value a dataset is compared on, per split.</summary>
    public static double? Comparison(QualityResult r, SuiteDataset dataset) =>
        dataset.Task == TaskKind.Regression ? r.Rmse : dataset.ComparedByAuc ? r.Auc : r.Accuracy;
}
