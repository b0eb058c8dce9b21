using System.Globalization;
using System.Text;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Bench.Quality;

/// <summary>Prints markdown (so README can quote the output) to the console and, optionally, a file.</summary>
internal sealed class MarkdownReport(bool echo = true)
{
    private readonly StringBuilder _all = new();
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Everything written so far.</summary>
    public string Text => _all.ToString();

    public void Line(string text = "")
    {
        if (echo) Console.WriteLine(text);
        _all.AppendLine(text);
    }

    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        Line("| " + string.Join(" | ", header) + " |");
        Line("|" + string.Join("|", header.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var row in rows)
            Line("| " + string.Join(" | ", row) + " |");
    }

    public void ResultTable(TaskKind task, IReadOnlyList<QualityResult> results)
    {
        switch (task)
        {
            case TaskKind.BinaryClassification:
                Table(new[] { "trainer", "accuracy", "AUC", "log-loss", "ECE", "train s", "scoring rows/s" },
                    results.Select(r => (IReadOnlyList<string>)new[] { r.Trainer, Accuracy(r), F(r.Auc), F(r.LogLoss), F(r.Ece), Seconds(r.TrainSeconds), Rate(r.RowsPerSecond) }));
                break;
            case TaskKind.MulticlassClassification:
                Table(new[] { "trainer", "accuracy", "macro accuracy", "log-loss", "ECE", "train s", "scoring rows/s" },
                    results.Select(r => (IReadOnlyList<string>)new[] { r.Trainer, Accuracy(r), F(r.MacroAccuracy), F(r.LogLoss), F(r.Ece), Seconds(r.TrainSeconds), Rate(r.RowsPerSecond) }));
                break;
            default:
                Table(new[] { "trainer", "RMSE", "MAE", "R²", "train s", "scoring rows/s" },
                    results.Select(r => (IReadOnlyList<string>)new[] { r.Trainer, F(r.Rmse), F(r.Mae), F(r.RSquared), Seconds(r.TrainSeconds), Rate(r.RowsPerSecond) }));
                break;
        }
        foreach (var r in results.Where(r => r.Note != null))
            Line($"- {r.Trainer}: {r.Note}");
    }

    public void Save(string? path)
    {
        if (string.IsNullOrEmpty(path)) return;
        File.WriteAllText(path, _all.ToString());
        Console.WriteLine($"(tables written to {Path.GetFullPath(path)})");
    }

    public static string F(double? v, string format = "0.0000") => v is double d && !double.IsNaN(d) ? d.ToString(format, Ci) : "–";
    public static string Seconds(double s) => s.ToString(s < 10 ? "0.00" : "0.0", Ci);
    public static string Rate(double r) => r.ToString("N0", Ci);
    private static string Accuracy(QualityResult r) =>
        r.AccuracySpread is double sd ? $"{F(r.Accuracy)} ± {F(sd)}" : F(r.Accuracy);
}
