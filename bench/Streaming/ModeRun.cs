using Microsoft.ML;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Estimators;

namespace Streaming.Bench;

/// <summary>
/// One mode in its own process: load libtorch and run a small warm-up Fit, take the RSS baseline, reset the peak,
/// Fit on the prepared data, read the peak, then score the test rows.
/// </summary>
internal static class ModeRun
{
    internal static ModeResult Run(string mode, BenchFiles files, int epochs, long budgetBytes, int seed)
    {
        var ml = new MLContext(seed);
        var warmUp = ml.Data.LoadFromEnumerable(BenchRows.Generate(2_000, seed + 1));
        new RegularizedMlpBinaryTrainer(Options(1, Defaults.MemoryBudgetBytes, StreamingMode.Never, seed)).Fit(warmUp);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long baseline = ProcessMemory.Resident;
        ProcessMemory.ResetPeak();

        var options = mode == "inmemory"
            ? Options(epochs, Defaults.MemoryBudgetBytes, StreamingMode.Never, seed)
            : Options(epochs, budgetBytes, StreamingMode.Auto, seed);
        var fitClock = System.Diagnostics.Stopwatch.StartNew();
        var transformer = new RegularizedMlpBinaryTrainer(options).Fit(files.Load(ml, mode));
        double fitSeconds = fitClock.Elapsed.TotalSeconds;
        long peak = ProcessMemory.Peak;

        var model = transformer.Model;
        var test = ml.Data.LoadFromEnumerable(BenchRows.Generate(100_000, seed + 2));
        double accuracy = ml.BinaryClassification.Evaluate(transformer.Transform(test)).Accuracy;
        double epochSeconds = model.History.Average(e => e.Seconds);
        return new ModeResult(mode, baseline / 1048576.0, (peak - baseline) / 1048576.0, epochSeconds,
            fitSeconds - model.History.Sum(e => e.Seconds), accuracy, model.Settings?.TrainingRows ?? 0,
            model.Warnings.Any(w => w.StartsWith("Trained by streaming", StringComparison.Ordinal)));
    }

    // The plain MLP the README's numbers were measured with (before issue 11 made the tabular front the default).
    private static RegularizedMlpBinaryTrainer.Options Options(int epochs, long budget, StreamingMode streaming, int seed) => new()
    {
        Preprocessing = FeaturePreprocessing.None,
        NumericEmbedding = NumericEmbeddingKind.None,
        HiddenLayers = new[] { 64, 32 },
        BatchSize = 1024,
        MaxEpochs = epochs,
        WarmupEpochs = 0,
        Seed = seed,
        MemoryBudgetBytes = budget,
        Streaming = streaming,
    };
}
