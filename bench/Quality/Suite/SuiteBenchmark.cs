using System.Globalization;
using Microsoft.ML.Dropout;
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// The <c>suite</c> command: every selected dataset on its test split(s) — official split, one 80/20 split (seed 42),
/// or five 80/20 splits (seeds 42–46) for sets under 5,000 rows — for ML.NET's trainers and our defaults; one table
/// per dataset, then the summary against LightGBM.
/// </summary>
internal sealed class SuiteBenchmark(SuiteArguments args, string datasetRoot, IReadOnlyList<SuiteDataset> datasets, MarkdownReport report)
{
    private const int ContextSeed = 0;
    public const string Ours = "RegularizedMlp (defaults)";

    /// <summary>The table name of our trainer with a registered candidate's options.</summary>
    public static string OursName(string candidate) => candidate == OptionsCandidates.Defaults ? Ours : $"RegularizedMlp ({candidate})";

    public void Run()
    {
        report.Line("# Suite benchmark (issue 11)");
        report.Line();
        report.Line($"Datasets: {datasetRoot}. {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
                    $"load average at start {LoadAverage()}. Every trainer sees the same features: one-hot categoricals (an empty field = all zeros), " +
                    "missing numerics as NaN then mean imputation, NormalizeMeanVariance fitted on the training part" +
                    " — except our trainer where its options preprocess inside the model (today's defaults), which gets the numerics unnormalized" +
                    $". Default options; MLContext seed {ContextSeed}; each featurized split is read once before any trainer is timed (its cache filled); our trainer {(args.Threads is int t ? $"{t}" : "1 (default)")} libtorch thread(s) and Seed {args.OurSeed}{(args.OurSeed == Microsoft.ML.Dropout.Defaults.Seed ? " (default)" : "")}, ML.NET trainers their default threads; " + FitTiming.Description + ". " +
                    "Sets under 5,000 rows without an official split: mean ± standard error over 80/20 splits with seeds " +
                    $"42–{41 + args.Repeats}. Log-loss is ML.NET's (base 2); ECE: 15 equal-width bins on the top-label confidence; " +
                    "scoring rows/s = Transform plus one full cursor pass over the test rows.");
        report.Line();
        var comparisons = args.Ours.ToDictionary(c => c, _ => new List<SuiteComparison>());
        var clock = Stopwatch.StartNew();
        foreach (var dataset in datasets)
        {
            var started = clock.Elapsed;
            if (RunDataset(dataset) is { } perCandidate && dataset.InScore)
                foreach (var (candidate, comparison) in perCandidate)
                    comparisons[candidate].Add(comparison);
            Console.Error.WriteLine($"[{dataset.Name}] done in {(clock.Elapsed - started).TotalSeconds:0} s");
            SavePartial(comparisons);
        }
        foreach (var (candidate, rows) in comparisons)
            SuiteSummary.Write(report, OursName(candidate), rows);
        report.Line($"Whole run: {clock.Elapsed.TotalMinutes:0.0} min; load average at the end {LoadAverage()}.");
    }

    /// <summary>With --out: the tables so far and the summary of the datasets done, so an interrupted run still has one.</summary>
    private void SavePartial(IReadOnlyDictionary<string, List<SuiteComparison>> comparisons)
    {
        if (args.OutputPath is null) return;
        var summary = new MarkdownReport(echo: false);
        foreach (var (candidate, rows) in comparisons)
            SuiteSummary.Write(summary, OursName(candidate), rows);
        File.WriteAllText(args.OutputPath, report.Text + "(partial: the run is still going or was interrupted)\n\n" + summary.Text);
    }

    private IReadOnlyDictionary<string, SuiteComparison>? RunDataset(SuiteDataset dataset)
    {
        report.Line($"## {dataset.Title}");
        report.Line();
        var ml = new MLContext(ContextSeed);
        SuiteData? data;
        string missing;
        try
        {
            (data, missing) = dataset.Load(ml, datasetRoot);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or InvalidOperationException)
        {
            // A folder found by its README may not load (a label missing from the header, a positive class never seen):
            // the run goes on without it.
            (data, missing) = (null, $"it did not load: {e.Message}");
        }
        if (data is null)
        {
            Console.Error.WriteLine($"[{dataset.Name}] skipped: {missing}");
            report.Line($"Skipped: {missing.TrimEnd('.')}.");
            report.Line();
            return null;
        }
        var seeds = data.SplitSeeds(args.Repeats);
        var trainers = BaselineTrainers.For(dataset.Task, dataset.Name).Where(c => args.IncludesTrainer(c.Name)).ToList();
        var ours = args.Ours.Select(OptionsCandidates.Find).Select(c => (Candidate: c!, Trainer: c!.ToTrainer(OursName(c!.Name), args.OurSeed, args.Threads))).ToList();
        var results = trainers.Concat(ours.Select(o => o.Trainer)).ToDictionary(c => c.Name, _ => new List<QualityResult>());
        FeaturizedSplit? first = null;
        foreach (int seed in seeds)
        {
            var (train, test) = data.Split(ml, seed);
            string name = seeds.Count > 1 ? $"{dataset.Name} seed {seed}" : dataset.Name;
            Console.Error.WriteLine($"[{name}] featurizing ...");
            var normalized = CacheFill.Filled(data.Featurize(ml, name, train, test, NumericScaling.MeanVariance));
            FeaturizedSplit? raw = null;
            first ??= normalized;
            foreach (var trainer in trainers)
                results[trainer.Name].Add(Evaluate(ml, normalized, trainer, name));
            foreach (var (candidate, trainer) in ours)
            {
                bool wantsRaw = candidate.Input == FeatureInput.Raw || (candidate.Name == OptionsCandidates.Defaults && args.OurInput == FeatureInput.Raw);
                var features = wantsRaw ? raw ??= CacheFill.Filled(data.Featurize(ml, name, train, test, NumericScaling.None)) : normalized;
                results[trainer.Name].Add(Evaluate(ml, features, trainer, name));
            }
        }
        string splitText = seeds.Count > 1 ? $"{data.SplitNote}, seeds {seeds[0]}–{seeds[^1]} ({seeds.Count} splits)" :
            data.Official is null ? $"{data.SplitNote}, seed {seeds[0]}" : data.SplitNote;
        splitText += string.Concat(data.DataNotes.Select(n => $"; {n}"));
        report.Line($"{splitText}; {first!.TrainRows:N0} train rows, {first.TestRows:N0} test rows, {first.FeatureCount} features.");
        report.Line();
        var repeated = results.Select(kv => new RepeatedResult(kv.Key, kv.Value)).ToList();
        SuiteTables.Write(report, dataset.Task, repeated);
        report.Line();
        var lightGbm = repeated.First(r => r.Trainer == "LightGBM");
        return ours.ToDictionary(o => o.Candidate.Name, o => new SuiteComparison(dataset, repeated.First(r => r.Trainer == o.Trainer.Name), lightGbm));
    }

    private readonly HashSet<string> _warmedUp = new();

    /// <summary>
    /// The context of FitTiming's repeated fits, one per process: the metrics' context draws exactly as before, and a
    /// trainer's first fit on a fresh context (seconds for LightGBM: per-context set-up) is the untimed warm-up below.
    /// </summary>
    private readonly MLContext _timing = new(ContextSeed);

    private QualityResult Evaluate(MLContext ml, FeaturizedSplit split, TrainerCandidate trainer, string name)
    {
        Console.Error.WriteLine($"[{name}] {trainer.Name} ...");
        try
        {
            // One untimed fit per trainer, task and process, so native library loading (libtorch, LightGBM) and the
            // first use of a code path are not timed.
            if (_warmedUp.Add($"{trainer.Name} {split.Task}")) // LightGBM binary and multiclass share a name
            {
                ModelEvaluator.Run(ml, split, trainer);
                trainer.Create(_timing, split).Fit(split.Train);
            }
            var result = ModelEvaluator.Run(ml, split, trainer).Result;
            var seconds = FitTiming.Seconds(result.TrainSeconds, () =>
            {
                var estimator = trainer.Create(_timing, split);
                return () => estimator.Fit(split.Train);
            });
            Console.Error.WriteLine($"[{name}] {trainer.Name} train seconds: {string.Join(", ", seconds.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))}");
            return result with { TrainSeconds = FitTiming.Median(seconds.ToArray()) };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"[{name}] {trainer.Name} failed: {ex.Message}");
            return new QualityResult(trainer.Name, double.NaN, double.NaN) { Note = $"failed: {ex.GetType().Name}: {ex.Message}" };
        }
    }

    /// <summary>The 1-minute load average (Linux), or "n/a".</summary>
    public static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "n/a"; }
        catch (UnauthorizedAccessException) { return "n/a"; }
    }
}
