using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Datasets;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

/// <summary>
/// Issue 10's cost table, in one run: seconds per epoch for EnsembleSize 1, 4, 8, 32, for each embedding and each
/// preprocessing on Engine.Bench's data (ratios to k = 1, the default MLP), and ONNX scoring rows/s of each model in
/// the batched path (one InferenceSession reused, blocks of 2,048 rows).
/// <c>dotnet run -c Release --project bench/Engine.Bench -- tabular [rows features epochs threads]</c>
/// </summary>
static class TabularBench
{
    internal static void Run(string[] args)
    {
        int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000;
        int features = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        int epochs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        int threads = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
        const int classes = 4;
        var data = SyntheticClassification.Generate(rows, features, informative: Math.Min(10, features), classes, seed: 1);
        Console.WriteLine($"Tabular bench: {rows} rows × {features} features, {classes} classes, MLP [256, 128], batch 256, " +
                          $"{threads} thread(s), {epochs} timed epochs (one warm-up epoch discarded); load: {File.ReadAllText("/proc/loadavg").Trim()}");
        var configs = new (string Name, Action<MlpClassificationOptions> Set)[]
        {
            ("k = 1 (plain MLP)", _ => { }),
            ("k = 4", o => o.EnsembleSize = 4),
            ("k = 8", o => o.EnsembleSize = 8),
            ("k = 32", o => o.EnsembleSize = 32),
            ("Periodic embedding", o => o.NumericEmbedding = NumericEmbeddingKind.Periodic),
            ("PiecewiseLinear embedding", o => o.NumericEmbedding = NumericEmbeddingKind.PiecewiseLinear),
            ("Quantile preprocessing", o => o.Preprocessing = FeaturePreprocessing.Quantile),
            ("RobustClip preprocessing", o => o.Preprocessing = FeaturePreprocessing.RobustClip),
        };
        Console.WriteLine("| configuration | s/epoch (median) | × k = 1 | ONNX rows/s (batched) |");
        Console.WriteLine("|---|---|---|---|");
        double baseline = 0;
        foreach (var (name, set) in configs)
        {
            var options = new MlpClassificationOptions
            {
                Preprocessing = FeaturePreprocessing.None, NumericEmbedding = NumericEmbeddingKind.None, // one piece at a time on the plain MLP
                BatchSize = 256, MaxEpochs = epochs + 1, ValidationFraction = 0, EarlyStoppingPatience = null,
                WarmupEpochs = 1, NumberOfThreads = threads,
            };
            set(options);
            var result = new MlpTrainer(options, TrainingTask.Multiclass(classes)).Fit(data);
            var seconds = result.History.Skip(1).Select(h => h.Seconds).OrderBy(s => s).ToArray();
            double median = seconds[seconds.Length / 2];
            if (baseline == 0) baseline = median;
            double rowsPerSecond = OnnxRowsPerSecond(OnnxExporter.Export(result.Model, new OnnxExportOptions { ProbabilityOutputName = "Probability", RawOutputName = null }),
                data.Features, rows, features);
            Console.WriteLine(FormattableString.Invariant($"| {name} | {median:F3} | {median / baseline:F2} | {rowsPerSecond:F0} |"));
        }
    }

    /// <summary>Rows per second of one reused session over all rows in blocks of 2,048 (median of 3 passes after a warm-up).</summary>
    private static double OnnxRowsPerSecond(byte[] model, float[] x, int rows, int features)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        double Pass()
        {
            var watch = Stopwatch.StartNew();
            for (int start = 0; start < rows; start += 2048)
            {
                int n = Math.Min(2048, rows - start);
                var input = new DenseTensor<float>(new Memory<float>(x, start * features, n * features), new[] { n, features });
                using var output = session.Run(new[] { NamedOnnxValue.CreateFromTensor("Features", input) });
            }
            return rows / watch.Elapsed.TotalSeconds;
        }
        Pass();
        return new[] { Pass(), Pass(), Pass() }.OrderBy(v => v).ElementAt(1);
    }
}
