using Microsoft.ML.Dropout;
using System.Globalization;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>Our trainer against LightGBM on one dataset, split by split (paired), and the verdict.</summary>
internal sealed record SuiteComparison(SuiteDataset Dataset, RepeatedResult Ours, RepeatedResult LightGbm)
{
    /// <summary>Tie band: 0.5 accuracy/AUC point, or RMSE within 2% (the targets), widened to one paired standard error.</summary>
    public const double TiePoints = 0.5, TieRatio = 0.02;

    private IEnumerable<(QualityResult Ours, QualityResult Lgbm)> Pairs => Ours.Splits.Zip(LightGbm.Splits);

    /// <summary>Classification: 100·(ours − LightGBM) in points; regression: RMSE ours / LightGBM; per split, then mean ± SE.</summary>
    public MeanWithError Difference => MeanWithError.Of(Pairs
        .Select(p => (RepeatedResult.Comparison(p.Ours, Dataset), RepeatedResult.Comparison(p.Lgbm, Dataset)))
        .Where(p => p.Item1 is double && p.Item2 is double)
        .Select(p => Dataset.Task == TaskKind.Regression ? p.Item1!.Value / p.Item2!.Value : 100 * (p.Item1!.Value - p.Item2!.Value)));

    /// <summary>100·(accuracy ours − LightGBM), per split, for every classification set (coil2000 and hmda included).</summary>
    public MeanWithError AccuracyDifference => MeanWithError.Of(Pairs
        .Where(p => p.Ours.Accuracy is double && p.Lgbm.Accuracy is double)
        .Select(p => 100 * (p.Ours.Accuracy!.Value - p.Lgbm.Accuracy!.Value)));

    public double TrainTimeRatio => Ours.Of(s => s.TrainSeconds).Mean / LightGbm.Of(s => s.TrainSeconds).Mean;

    public bool Complete => !Ours.Failed && !LightGbm.Failed && Difference.Count > 0;

    /// <summary>"win", "tie" or "loss" on the comparison metric; "failed" when either trainer failed.</summary>
    public string Verdict
    {
        get
        {
            if (!Complete) return "failed";
            var d = Difference;
            if (Dataset.Task == TaskKind.Regression)
            {
                double band = Math.Max(TieRatio, d.StandardError);
                return d.Mean < 1 - band ? "win" : d.Mean > 1 + band ? "loss" : "tie";
            }
            double points = Math.Max(TiePoints, d.StandardError);
            return d.Mean > points ? "win" : d.Mean < -points ? "loss" : "tie";
        }
    }

    public string FormatDifference() => !Complete ? "–"
        : Dataset.Task == TaskKind.Regression ? Difference.Format("0.000") + "×"
        : (Difference.Mean >= 0 ? "+" : "") + Difference.Format("0.00");

    public string FormatTimeRatio() => double.IsFinite(TrainTimeRatio) ? TrainTimeRatio.ToString("0.0", CultureInfo.InvariantCulture) + "×" : "–";
}
