using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Dropout.Training;
using Spectre.Console;

namespace MLNetRegularization.Samples;

/// <summary>
/// Shows training progress: a live Spectre.Console table on an interactive terminal, one plain line per epoch
/// when output is redirected (CI, files, pipes).
/// </summary>
public static class TrainingProgressDisplay
{
    /// <summary>Runs <paramref name="train"/>, rendering every epoch it reports.</summary>
    /// <param name="title">What is being trained.</param>
    /// <param name="maxEpochs">Epoch budget, for the ETA (early stopping may end sooner).</param>
    /// <param name="train">The training call; it receives the progress sink to pass to the trainer.</param>
    public static T Run<T>(string title, int maxEpochs, Func<IProgress<EpochMetrics>, T> train)
    {
        var clock = Stopwatch.StartNew();
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            Console.WriteLine($"== {title}");
            return train(new SyncProgress(m => Console.WriteLine(FormatLine(m, maxEpochs, clock.Elapsed))));
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(title)}[/]");
        foreach (string c in new[] { "epoch", "train loss", "val loss", "train metric", "val metric", "gap", "LR", "dropout", "s/epoch", "ETA" })
            table.AddColumn(new TableColumn(c).RightAligned());
        T result = default!;
        AnsiConsole.Live(table).AutoClear(false).Start(ctx =>
        {
            result = train(new SyncProgress(m =>
            {
                if (table.Rows.Count >= 12) table.Rows.RemoveAt(0);
                table.AddRow(Cells(m, maxEpochs, clock.Elapsed));
                ctx.Refresh();
            }));
        });
        return result;
    }

    /// <summary>One plain-text progress line for an epoch.</summary>
    public static string FormatLine(EpochMetrics m, int maxEpochs, TimeSpan elapsed)
    {
        string[] c = Cells(m, maxEpochs, elapsed);
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {c[0]}  train loss {c[1]}  val loss {c[2]}  train {c[3]}  val {c[4]}  gap {c[5]}  lr {c[6]}  dropout {c[7]}  {c[8]} s/epoch  ETA {c[9]}");
    }

    private static string[] Cells(EpochMetrics m, int maxEpochs, TimeSpan elapsed)
    {
        var ci = CultureInfo.InvariantCulture;
        double perEpoch = elapsed.TotalSeconds / Math.Max(1, m.Epoch);
        double eta = perEpoch * Math.Max(0, maxEpochs - m.Epoch);
        double dropout = m.DropoutRates.Count == 0 ? 0 : m.DropoutRates.Max();
        return new[]
        {
            $"{m.Epoch}/{maxEpochs}",
            m.TrainLoss.ToString("0.0000", ci),
            m.ValidLoss?.ToString("0.0000", ci) ?? "-",
            m.TrainMetric.ToString("0.0000", ci),
            m.ValidMetric?.ToString("0.0000", ci) ?? "-",
            m.Gap?.ToString("+0.0000;-0.0000", ci) ?? "-",
            m.LearningRate.ToString("0.0e0", ci),
            dropout.ToString("0.00", ci),
            perEpoch.ToString("0.00", ci),
            $"≤{eta:0}s",
        };
    }

    private sealed class SyncProgress(Action<EpochMetrics> report) : IProgress<EpochMetrics>
    {
        public void Report(EpochMetrics value) => report(value);
    }
}
