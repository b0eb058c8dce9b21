using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>The per-dataset table of the suite: mean ± standard error over splits where there are several.</summary>
internal static class SuiteTables
{
    public static void Write(MarkdownReport report, TaskKind task, IReadOnlyList<RepeatedResult> results)
    {
        string Seconds(RepeatedResult r) => MarkdownReport.Seconds(r.Of(s => s.TrainSeconds).Mean);
        string Rate(RepeatedResult r) => MarkdownReport.Rate(r.Of(s => s.RowsPerSecond).Mean);
        switch (task)
        {
            case TaskKind.BinaryClassification:
                report.Table(new[] { "trainer", "accuracy", "AUC", "log-loss", "ECE", "train s", "scoring rows/s" },
                    results.Select(r => (IReadOnlyList<string>)new[] { r.Trainer, r.Of(s => s.Accuracy).Format(), r.Of(s => s.Auc).Format(),
                        r.Of(s => s.LogLoss).Format(), r.Of(s => s.Ece).Format(), Seconds(r), Rate(r) }));
                break;
            case TaskKind.MulticlassClassification:
                report.Table(new[] { "trainer", "accuracy", "macro accuracy", "log-loss", "ECE", "train s", "scoring rows/s" },
                    results.Select(r => (IReadOnlyList<string>)new[] { r.Trainer, r.Of(s => s.Accuracy).Format(), r.Of(s => s.MacroAccuracy).Format(),
                        r.Of(s => s.LogLoss).Format(), r.Of(s => s.Ece).Format(), Seconds(r), Rate(r) }));
                break;
            default:
                report.Table(new[] { "trainer", "RMSE", "MAE", "R²", "train s", "scoring rows/s" },
                    results.Select(r => (IReadOnlyList<string>)new[] { r.Trainer, r.Of(s => s.Rmse).Format("0.####"), r.Of(s => s.Mae).Format("0.####"),
                        r.Of(s => s.RSquared).Format(), Seconds(r), Rate(r) }));
                break;
        }
        foreach (var r in results.Where(r => r.Failed))
            report.Line($"- {r.Trainer}: {r.FailureNote}");
    }
}
