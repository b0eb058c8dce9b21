using Microsoft.ML.Dropout;
using System.Globalization;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>The summary across the suite: our trainer against LightGBM per dataset, then the totals.</summary>
internal static class SuiteSummary
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static void Write(MarkdownReport report, string ours, IReadOnlyList<SuiteComparison> rows)
    {
        report.Line($"## Summary: {ours} against LightGBM");
        report.Line();
        report.Line("Δ = 100·(ours − LightGBM) in points of the compared metric (AUC for coil2000 and hmda, accuracy for the other " +
                    "classification sets) or the RMSE ratio ours/LightGBM for regression; mean ± standard error of the paired per-split " +
                    $"differences on the repeated-split sets. Tie: |Δ| ≤ max({SuiteComparison.TiePoints} point, 1 SE), or RMSE ratio within " +
                    $"1 ± max({SuiteComparison.TieRatio}, 1 SE). Train-time ratio = mean train seconds ours / LightGBM.");
        report.Line();
        report.Table(new[] { "dataset", "metric", "ours", "LightGBM", "Δ", "result", "accuracy Δ", "AUC ours / LightGBM", "ECE ours / LightGBM", "train-time ratio" },
            rows.Select(r => (IReadOnlyList<string>)new[]
            {
                r.Dataset.Name, r.Dataset.ComparisonMetric,
                r.Ours.Of(s => RepeatedResult.Comparison(s, r.Dataset)).Format(r.Dataset.Task == TaskKind.Regression ? "0.####" : "0.0000"),
                r.LightGbm.Of(s => RepeatedResult.Comparison(s, r.Dataset)).Format(r.Dataset.Task == TaskKind.Regression ? "0.####" : "0.0000"),
                r.FormatDifference(), r.Verdict,
                r.Dataset.Task == TaskKind.Regression || !r.Complete ? "–" : Signed(r.AccuracyDifference.Mean),
                r.Dataset.Task == TaskKind.BinaryClassification ? $"{r.Ours.Of(s => s.Auc).Format()} / {r.LightGbm.Of(s => s.Auc).Format()}" : "–",
                r.Dataset.Task == TaskKind.Regression ? "–" : $"{r.Ours.Of(s => s.Ece).Format()} / {r.LightGbm.Of(s => s.Ece).Format()}",
                r.FormatTimeRatio(),
            }));
        report.Line();
        var complete = rows.Where(r => r.Complete).ToList();
        int wins = complete.Count(r => r.Verdict == "win"), ties = complete.Count(r => r.Verdict == "tie"), losses = complete.Count(r => r.Verdict == "loss");
        var classification = complete.Where(r => r.Dataset.Task != TaskKind.Regression).ToList();
        var regression = complete.Where(r => r.Dataset.Task == TaskKind.Regression).ToList();
        var auc = complete.Where(r => r.Dataset.ComparedByAuc).ToList();
        report.Line($"- wins / ties / losses: **{wins} / {ties} / {losses}** of {complete.Count} datasets" +
                    (rows.Count > complete.Count ? $" ({rows.Count - complete.Count} failed: {string.Join(", ", rows.Where(r => !r.Complete).Select(r => r.Dataset.Name))})" : ""));
        if (classification.Count > 0)
            report.Line($"- mean accuracy difference over {classification.Count} classification sets: **{Signed(classification.Average(r => r.AccuracyDifference.Mean))} points**" +
                        (auc.Count > 0 ? $"; mean AUC difference on {string.Join(", ", auc.Select(r => r.Dataset.Name))}: {Signed(auc.Average(r => r.Difference.Mean))} points" : ""));
        if (regression.Count > 0)
            report.Line($"- mean RMSE ratio over {regression.Count} regression sets: **{regression.Average(r => r.Difference.Mean).ToString("0.000", Ci)}**");
        var ratios = complete.Select(r => r.TrainTimeRatio).Where(x => x > 0 && double.IsFinite(x)).ToList();
        if (ratios.Count > 0)
            report.Line($"- geometric-mean train-time ratio ours / LightGBM: **{Math.Exp(ratios.Average(Math.Log)).ToString("0.0", Ci)}×** " +
                        $"(max {ratios.Max().ToString("0.0", Ci)}×)");
        report.Line();
    }

    private static string Signed(double v) => double.IsNaN(v) ? "–" : (v >= 0 ? "+" : "") + v.ToString("0.00", Ci);
}
