using Microsoft.ML.Dropout;
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// The <c>tune</c> command: candidate defaults for our trainer scored on validation splits carved from each dataset's
/// training part (never a test part), against LightGBM on the same split, by the suite score S. Every (candidate,
/// dataset, seed) result is cached on disk; the number of candidates is capped; every candidate and S is appended to
/// RESULTS.md.
/// </summary>
internal sealed class SuiteTuneBenchmark(SuiteArguments args, string datasetRoot, IReadOnlyList<SuiteDataset> datasets, MarkdownReport report)
{
    private const int ContextSeed = 0;
    private const string LightGbmReference = "lightgbm-reference";
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public void Run()
    {
        var requested = args.Candidates?.Select(n => OptionsCandidates.Find(n)!).ToList() ?? OptionsCandidates.All.ToList();
        var candidates = requested.Take(args.MaxCandidates).ToList();
        if (requested.Count > candidates.Count)
            Console.Error.WriteLine($"Capped at --max-candidates {args.MaxCandidates}: skipping {string.Join(", ", requested.Skip(args.MaxCandidates).Select(c => c.Name))}.");
        string quality = args.CachePath is null || args.ResultsPath is null ? QualityFolder.Find() : "";
        var cache = new TuneCache(args.CachePath ?? Path.Combine(quality, "cache"));
        int[] seeds = Enumerable.Range(1, args.Seeds).ToArray();

        report.Line("# Suite search (issue 11): candidates on validation splits");
        report.Line();
        report.Line($"Datasets: {datasetRoot}. {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average at start {SuiteBenchmark.LoadAverage()}. " +
                    $"Validation = 20% of each dataset's training part (seed {ValidationSplit.Seed}, stratified for classification), the featurizer fitted on the whole training part; " +
                    $"our seeds {string.Join(", ", seeds)}; cache {cache.Folder}.");
        report.Line();

        var perDataset = new List<(SuiteDataset Dataset, QualityResult LightGbm, Dictionary<string, List<QualityResult>> Ours, int ValidationRows)>();
        var failed = candidates.ToDictionary(c => c.Name, _ => new List<string>());
        foreach (var dataset in datasets)
        {
            var ml = new MLContext(ContextSeed);
            var splits = new Dictionary<FeatureInput, FeaturizedSplit>();
            SuiteData? data = null;
            FeaturizedSplit? Split(FeatureInput input)
            {
                if (splits.TryGetValue(input, out var s)) return s;
                if (data is null)
                {
                    var (loaded, missing) = dataset.Load(ml, datasetRoot);
                    if (loaded is null)
                    {
                        Console.Error.WriteLine($"[{dataset.Name}] skipped: {missing}");
                        return null;
                    }
                    data = loaded;
                }
                Console.Error.WriteLine($"[{dataset.Name}] featurizing and carving the validation split ({input}) ...");
                return splits[input] = ValidationSplit.Carve(ml, dataset, data, input == FeatureInput.Raw ? NumericScaling.None : NumericScaling.MeanVariance);
            }

            var reference = Cached(cache, LightGbmReference, "LightGBM, default options", dataset, 0, () => Split(FeatureInput.Normalized),
                split => BaselineTrainers.For(dataset.Task, dataset.Name).First(t => t.Name == "LightGBM"));
            if (reference is null)
            {
                report.Line($"- {dataset.Name}: skipped (dataset not found).");
                continue;
            }
            if (reference.Value.Result.Note is { } referenceFailure)
            {
                report.Line($"- {dataset.Name}: skipped, the LightGBM reference {referenceFailure}");
                continue;
            }
            var ours = new Dictionary<string, List<QualityResult>>();
            foreach (var candidate in candidates)
            {
                var results = new List<QualityResult>();
                foreach (int seed in seeds)
                {
                    var r = Cached(cache, candidate.Name, candidate.Description, dataset, seed, () => Split(candidate.Input),
                        _ => candidate.ToTrainer(candidate.Name, seed, args.Threads));
                    if (r is not null) results.Add(r.Value.Result);
                }
                if (results.Count == seeds.Length && results.All(r => r.Note is null)) ours[candidate.Name] = results;
                else failed[candidate.Name].Add(dataset.Name);
            }
            perDataset.Add((dataset, reference.Value.Result, ours, reference.Value.ValidationRows));
        }

        var scores = candidates.Select(c => (Candidate: c, Score: new SuiteScore(c.Name,
            perDataset.Where(p => p.Ours.ContainsKey(c.Name)).ToDictionary(p => p.Dataset.Name, p => SuiteScore.DatasetD(p.Dataset, p.Ours[c.Name], p.LightGbm)),
            failed[c.Name]))).ToList();

        report.Table(new[] { "candidate", "what it sets", "S", "datasets" }.Concat(perDataset.Select(p => p.Dataset.Name)).ToArray(),
            scores.OrderByDescending(s => s.Score.D.Count).ThenByDescending(s => s.Score.S).Select(s => (IReadOnlyList<string>)new[]
            {
                s.Candidate.Name, s.Candidate.Description, s.Score.S.ToString("+0.00;-0.00", Ci), $"{s.Score.D.Count}/{perDataset.Count}",
            }.Concat(perDataset.Select(p => s.Score.D.TryGetValue(p.Dataset.Name, out double d) ? d.ToString("+0.00;-0.00", Ci) : "failed")).ToArray()));
        report.Line();
        report.Line("Per dataset: validation rows, LightGBM's validation metric and train seconds, and for each candidate its metric " +
                    $"(mean over seeds) and the cost of one candidate evaluation ({seeds.Length} trainings, summed train seconds).");
        report.Line();
        report.Table(new[] { "dataset", "metric", "validation rows", "LightGBM", "LightGBM s" }
                .Concat(candidates.SelectMany(c => new[] { c.Name, $"{c.Name} s" })).ToArray(),
            perDataset.Select(p => (IReadOnlyList<string>)new[]
            {
                p.Dataset.Name, p.Dataset.ComparisonMetric, p.ValidationRows.ToString("N0", Ci),
                Metric(p.Dataset, p.LightGbm), MarkdownReport.Seconds(p.LightGbm.TrainSeconds),
            }.Concat(candidates.SelectMany(c => p.Ours.TryGetValue(c.Name, out var rs)
                ? new[] { MarkdownReport.F(rs.Average(r => RepeatedResult.Comparison(r, p.Dataset) ?? double.NaN), p.Dataset.Task == TaskKind.Regression ? "0.####" : "0.0000"),
                          MarkdownReport.Seconds(rs.Sum(r => r.TrainSeconds)) }
                : new[] { "failed", "–" })).ToArray()));
        report.Line();
        foreach (var (c, s) in scores.Where(x => x.Score.Failed.Count > 0))
            report.Line($"- {c.Name} failed on {string.Join(", ", s.Failed)} (S is over the other datasets; see the console for the error).");
        report.Line($"Load average at the end {SuiteBenchmark.LoadAverage()}.");

        string? resultsPath = args.ResultsPath is "none" ? null : args.ResultsPath ?? Path.Combine(quality, "RESULTS.md");
        if (resultsPath != null && perDataset.Count > 0)
        {
            ResultsLog.Append(resultsPath, perDataset.Select(p => p.Dataset).ToList(), scores);
            Console.Error.WriteLine($"Added {scores.Count} candidate row(s) to the search log in {Path.GetFullPath(resultsPath)} (an identical row is not repeated).");
        }
    }

    private static string Metric(SuiteDataset dataset, QualityResult r) =>
        MarkdownReport.F(RepeatedResult.Comparison(r, dataset), dataset.Task == TaskKind.Regression ? "0.####" : "0.0000");

    /// <summary>The cached result, or trains, evaluates on the validation part and caches; null when the dataset is missing.</summary>
    private static (QualityResult Result, int ValidationRows)? Cached(TuneCache cache, string name, string description, SuiteDataset dataset, int seed,
        Func<FeaturizedSplit?> split, Func<FeaturizedSplit, TrainerCandidate> trainer)
    {
        if (cache.TryGet(name, description, dataset.Name, seed) is { } hit)
            return (hit, ReadValidationRows(hit));
        var s = split();
        if (s is null) return null;
        var candidate = trainer(s);
        Console.Error.WriteLine($"[{dataset.Name}] {name}, seed {seed} ...");
        QualityResult result;
        var clock = Stopwatch.StartNew();
        try
        {
            result = ModelEvaluator.Run(new MLContext(ContextSeed), s, candidate).Result;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"[{dataset.Name}] {name}, seed {seed} failed: {ex.Message}");
            result = new QualityResult(name, clock.Elapsed.TotalSeconds, double.NaN) { Note = $"failed: {ex.GetType().Name}: {ex.Message}" };
        }
        result = result with { Trainer = name, ValidationRows = (int)s.TestRows };
        cache.Put(name, description, dataset.Name, seed, (int)s.TestRows, result);
        return (result, (int)s.TestRows);
    }

    private static int ReadValidationRows(QualityResult r) => r.ValidationRows ?? 0;
}
