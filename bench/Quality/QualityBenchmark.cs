using Microsoft.ML;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality;

/// <summary>The benchmark mode: every selected dataset, every trainer, one table per dataset.</summary>
internal sealed class QualityBenchmark(BenchmarkArguments args, string datasetRoot, MarkdownReport report)
{
    private const int Seed = 0;

    public void Run()
    {
        report.Line($"# Quality benchmark");
        report.Line();
        report.Line($"Datasets: {datasetRoot}. {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. " +
                    "Every trainer sees the same featurized data (one-hot categoricals, mean imputation, mean/variance scaling fitted on the training part); default options; MLContext seed 0. " +
                    "Log-loss is ML.NET's (base 2); ECE uses 15 equal-width bins on the top-label confidence; scoring rows/s = Transform plus one full cursor pass over the test rows.");
        report.Line();
        foreach (string name in args.SelectedDatasets)
        {
            var ml = new MLContext(Seed);
            switch (name)
            {
                case "adult": Single(ml, AdultDataset.TryLoad(ml, datasetRoot, out string m1), m1, "Adult (binary)"); break;
                case "adult-bins":
                    Single(ml, AdultDataset.TryLoad(ml, datasetRoot, out string m0, NumericScaling.MeanVarianceWithBins) is { } s0 ? s0 with { Name = "adult-bins", Note = s0.Note + "; numerics also one-hot encoded by quantile bin (≤16 per column)" } : null,
                        m0, "Adult (binary), numeric columns also binned");
                    break;
                case "california": Single(ml, CaliforniaHousingDataset.TryLoad(ml, datasetRoot, out string m2), m2, "California housing (regression, label in $100k)"); break;
                case "boston": Single(ml, BostonHousingDataset.TryLoad(ml, datasetRoot, out string m3), m3, "Boston housing (regression, label in $1000s)"); break;
                case "mnist": Single(ml, MnistDataset.TryLoad(ml, datasetRoot, out string m4, args.MnistTrainRows), m4, "MNIST (10 classes)"); break;
                case "iris": CrossValidated(ml, IrisDataset.TryLoadFolds(ml, datasetRoot, out string m5), m5, "Iris (3 classes)"); break;
            }
        }
    }

    private IEnumerable<TrainerCandidate> Candidates(TaskKind task, string dataset) =>
        BaselineTrainers.For(task, dataset).Concat(OurTrainer.For(task, dataset, args)).Where(c => args.IncludesTrainer(c.Name));

    private void Single(MLContext ml, DatasetSplit? split, string missing, string title)
    {
        report.Line($"## {title}");
        report.Line();
        if (split is null)
        {
            report.Line($"Skipped: {missing}.");
            report.Line();
            return;
        }
        Console.Error.WriteLine($"[{split.Name}] loading and featurizing ...");
        var data = split.Featurize(ml);
        report.Line($"{data.Note}; {data.TrainRows:N0} train rows, {data.TestRows:N0} test rows, {data.FeatureCount} features.");
        report.Line();
        var results = new List<QualityResult>();
        var notes = new List<string>();
        foreach (var candidate in Candidates(data.Task, data.Name))
        {
            Console.Error.WriteLine($"[{split.Name}] {candidate.Name} ...");
            try
            {
                var (result, model) = ModelEvaluator.Run(ml, data, candidate);
                results.Add(result);
                if (candidate.Extra?.Invoke(ml, data, model) is string note)
                    notes.Add($"{candidate.Name}: {note}");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                results.Add(new QualityResult(candidate.Name, double.NaN, double.NaN) { Note = $"failed: {ex.GetType().Name}: {ex.Message}" });
            }
        }
        report.ResultTable(data.Task, results);
        foreach (string note in notes) report.Line($"- {note}");
        report.Line();
    }

    private void CrossValidated(MLContext ml, IReadOnlyList<DatasetSplit>? folds, string missing, string title)
    {
        report.Line($"## {title}");
        report.Line();
        if (folds is null)
        {
            report.Line($"Skipped: {missing}.");
            report.Line();
            return;
        }
        var data = folds.Select(f => f.Featurize(ml)).ToList();
        report.Line($"{data[0].Note}: {data.Sum(d => d.TestRows):N0} rows; accuracy is the mean ± standard deviation over folds, other columns fold means (train s: total).");
        report.Line();
        var results = new List<QualityResult>();
        foreach (var candidate in Candidates(data[0].Task, "iris"))
        {
            Console.Error.WriteLine($"[iris] {candidate.Name} ...");
            try
            {
                var perFold = data.Select(d => ModelEvaluator.Run(ml, d, candidate).Result).ToList();
                double mean = perFold.Average(r => r.Accuracy ?? double.NaN);
                double sd = Math.Sqrt(perFold.Sum(r => Math.Pow((r.Accuracy ?? 0) - mean, 2)) / Math.Max(1, perFold.Count - 1));
                results.Add(new QualityResult(candidate.Name, perFold.Sum(r => r.TrainSeconds), perFold.Average(r => r.RowsPerSecond))
                {
                    Accuracy = mean,
                    AccuracySpread = sd,
                    MacroAccuracy = perFold.Average(r => r.MacroAccuracy ?? double.NaN),
                    LogLoss = perFold.Average(r => r.LogLoss ?? double.NaN),
                    Ece = perFold.Average(r => r.Ece ?? double.NaN),
                });
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                results.Add(new QualityResult(candidate.Name, double.NaN, double.NaN) { Note = $"failed: {ex.GetType().Name}: {ex.Message}" });
            }
        }
        report.ResultTable(TaskKind.MulticlassClassification, results);
        report.Line();
    }
}
