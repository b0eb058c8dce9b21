using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// The suite score of one candidate: per dataset d = 100·(metric − LightGBM's metric) for classification (AUC for
/// coil2000 and hmda, accuracy otherwise) or d = 100·(1 − RMSE / LightGBM's RMSE) for regression, the candidate's
/// metric being the mean over its seeds; S = the mean of d over the datasets where the candidate completed.
/// </summary>
internal sealed record SuiteScore(string Candidate, IReadOnlyDictionary<string, double> D, IReadOnlyList<string> Failed)
{
    public double S => D.Count == 0 ? double.NaN : D.Values.Average();

    public static double DatasetD(SuiteDataset dataset, IReadOnlyList<QualityResult> seeds, QualityResult lightGbm)
    {
        double ours = seeds.Average(r => RepeatedResult.Comparison(r, dataset) ?? double.NaN);
        double reference = RepeatedResult.Comparison(lightGbm, dataset) ?? double.NaN;
        return dataset.Task == TaskKind.Regression ? 100 * (1 - ours / reference) : 100 * (ours - reference);
    }
}
