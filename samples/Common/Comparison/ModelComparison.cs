using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Reports;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Samples.Datasets;
using MLNetRegularization.Samples.Reporting;

namespace MLNetRegularization.Samples.Comparison;

/// <summary>
/// Trains several trainers on the same featurized split and measures each the same way: training seconds,
/// scoring rows/s, ML.NET's evaluator metrics and calibration. Renders one table (console, HTML or Markdown).
/// </summary>
public static class ModelComparison
{
    /// <summary>Fits with <paramref name="fit"/> (timed), scores the test rows (timed) and evaluates.</summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="split">Featurized train/test rows (cached, so timings exclude parsing).</param>
    /// <param name="trainer">Display name.</param>
    /// <param name="fit">Trains on the featurized training rows.</param>
    public static (ComparisonResult Result, ITransformer Model) Run(MLContext mlContext, FeaturizedSplit split, string trainer, Func<IDataView, ITransformer> fit)
    {
        var clock = Stopwatch.StartNew();
        ITransformer model = fit(split.Train);
        double trainSeconds = clock.Elapsed.TotalSeconds;

        IDataView scored = model.Transform(split.Test);
        double rowsPerSecond = MeasureRowsPerSecond(() => ReadAllPredictions(scored));

        var result = new ComparisonResult(trainer, trainSeconds, rowsPerSecond);
        switch (split.Task)
        {
            case TaskKind.BinaryClassification:
            {
                var m = mlContext.BinaryClassification.Evaluate(scored);
                var c = mlContext.BinaryClassification.EvaluateCalibration(scored);
                result = result with { Accuracy = m.Accuracy, Auc = m.AreaUnderRocCurve, LogLoss = m.LogLoss, Ece = c.Ece, Calibration = c };
                break;
            }
            case TaskKind.MulticlassClassification:
            {
                var m = mlContext.MulticlassClassification.Evaluate(scored);
                var c = mlContext.MulticlassClassification.EvaluateCalibration(scored);
                result = result with { Accuracy = m.MicroAccuracy, MacroAccuracy = m.MacroAccuracy, LogLoss = m.LogLoss, Ece = c.Ece, Calibration = c };
                break;
            }
            default:
            {
                var m = mlContext.Regression.Evaluate(scored);
                result = result with { Rmse = m.RootMeanSquaredError, Mae = m.MeanAbsoluteError, RSquared = m.RSquared };
                break;
            }
        }
        return (result, model);
    }

    /// <summary>The comparison as a table: the task's metrics, then train seconds and scoring rows/s.</summary>
    public static ReportTable ToTable(string caption, TaskKind task, IReadOnlyList<ComparisonResult> results)
    {
        var columns = new List<string> { "trainer" };
        var getters = new List<Func<ComparisonResult, double?>>();
        void Add(string name, Func<ComparisonResult, double?> get) { columns.Add(name); getters.Add(get); }
        switch (task)
        {
            case TaskKind.BinaryClassification:
                Add("accuracy", r => r.Accuracy); Add("AUC", r => r.Auc); Add("log-loss (bits)", r => r.LogLoss); Add("ECE", r => r.Ece);
                break;
            case TaskKind.MulticlassClassification:
                Add("accuracy", r => r.Accuracy); Add("macro acc.", r => r.MacroAccuracy); Add("log-loss (nats)", r => r.LogLoss); Add("ECE", r => r.Ece);
                break;
            default:
                Add("RMSE", r => r.Rmse); Add("MAE", r => r.Mae); Add("R²", r => r.RSquared);
                break;
        }
        columns.Add("train s");
        columns.Add("scoring rows/s");
        var rows = results.Select(r => (IReadOnlyList<string>)new[] { r.Trainer }
            .Concat(getters.Select(g => g(r) is double v ? MetricTables.F(v) : "-"))
            .Append(r.TrainSeconds.ToString("0.0", CultureInfo.InvariantCulture))
            .Append(r.RowsPerSecond.ToString("N0", CultureInfo.InvariantCulture))
            .ToList()).ToList();
        return new ReportTable(caption, columns, rows);
    }

    /// <summary>The table as GitHub Markdown (for the README).</summary>
    public static string ToMarkdown(ReportTable table)
    {
        var md = new StringBuilder();
        md.Append("| ").AppendJoin(" | ", table.Columns).AppendLine(" |");
        md.Append("|---").Append(string.Concat(Enumerable.Repeat("|---:", table.Columns.Count - 1))).AppendLine("|");
        foreach (var row in table.Rows)
            md.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        return md.ToString();
    }

    /// <summary>
    /// Rows per second of <paramref name="pass"/> (which scores the test rows once and returns the row count): one
    /// untimed warm-up pass (JIT, native sessions), then timed passes until at least 0.5 s or 50 passes.
    /// </summary>
    public static double MeasureRowsPerSecond(Func<long> pass)
    {
        pass();
        long rows = 0;
        int passes = 0;
        var clock = Stopwatch.StartNew();
        do { rows += pass(); passes++; } while (clock.Elapsed.TotalSeconds < 0.5 && passes < 50);
        return rows / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
    }

    /// <summary>Reads every output column of the scored test rows once (what an application would do); returns the row count.</summary>
    private static long ReadAllPredictions(IDataView scored)
    {
        var outputs = scored.Schema.Where(c => c.Name is "Score" or "Probability" or "PredictedLabel" && !c.IsHidden).ToArray();
        long n = 0;
        using var cursor = scored.GetRowCursor(outputs);
        var getters = outputs.Select(c => MakeReader(cursor, c)).ToArray();
        while (cursor.MoveNext())
        {
            foreach (var read in getters) read();
            n++;
        }
        return n;
    }

    private static Action MakeReader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var type = column.Type;
        if (type is VectorDataViewType)
        {
            var g = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> v = default;
            return () => g(ref v);
        }
        if (type is KeyDataViewType)
        {
            var g = cursor.GetGetter<uint>(column);
            uint v = 0;
            return () => g(ref v);
        }
        if (type.RawType == typeof(bool))
        {
            var g = cursor.GetGetter<bool>(column);
            bool v = false;
            return () => g(ref v);
        }
        var f = cursor.GetGetter<float>(column);
        float x = 0;
        return () => f(ref x);
    }
}
