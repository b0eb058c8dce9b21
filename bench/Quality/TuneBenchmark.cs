using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Metrics;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality;

/// <summary>
/// Tuning mode (<c>--tune</c>): candidate option sets for our trainer, scored on a fixed 80/20 split of the
/// TRAINING file only (Adult: adult.data; California: the 80% training part). The test split is never read, so
/// the chosen defaults are not fitted to it.
/// </summary>
internal sealed class TuneBenchmark(BenchmarkArguments args, string datasetRoot, MarkdownReport report)
{
    private sealed record Candidate(string Name, NumericScaling Scaling, Action<MlpTrainerOptions> Configure);

    private static readonly Candidate[] Classification =
    {
        new("defaults", NumericScaling.MeanVariance, _ => { }),
        new("label smoothing 0.1 (the former default)", NumericScaling.MeanVariance, o => ((MlpClassificationOptions)o).LabelSmoothing = 0.1),
        new("quantile scaling", NumericScaling.Quantile, _ => { }),
        new("quantile, smoothing 0.1", NumericScaling.Quantile, o => ((MlpClassificationOptions)o).LabelSmoothing = 0.1),
        new("+ numeric bins one-hot", NumericScaling.MeanVarianceWithBins, _ => { }),
        new("+ bins, patience 4, 30 epochs", NumericScaling.MeanVarianceWithBins, o => { o.EarlyStoppingPatience = 4; o.MaxEpochs = 30; }),
        new("+ bins, smoothing 0.1", NumericScaling.MeanVarianceWithBins, o => ((MlpClassificationOptions)o).LabelSmoothing = 0.1),
        new("+ bins, smoothing 0.02", NumericScaling.MeanVarianceWithBins, o => ((MlpClassificationOptions)o).LabelSmoothing = 0.02),
        new("dropout 0.15", NumericScaling.MeanVariance, o => o.DropoutRate = 0.15),
        new("lr 3e-3", NumericScaling.MeanVariance, o => o.LearningRate = 3e-3),
        new("batch 512, lr 2e-3", NumericScaling.MeanVariance, o => { o.BatchSize = 512; o.LearningRate = 2e-3; }),
        new("ES on accuracy", NumericScaling.MeanVariance, o => o.EarlyStoppingMetric = EarlyStoppingMetric.ValidationMetric),
        new("decay 0.05", NumericScaling.MeanVariance, o => o.WeightDecay = 0.05),
        new("[512, 256]", NumericScaling.MeanVariance, o => o.HiddenLayers = new[] { 512, 256 }),
        new("ReLU, no norm", NumericScaling.MeanVariance, o => { o.Activation = Microsoft.ML.Dropout.Activation.Relu; o.Normalization = Microsoft.ML.Dropout.Normalization.None; }),
        new("patience 4, 30 epochs", NumericScaling.MeanVariance, o => { o.EarlyStoppingPatience = 4; o.MaxEpochs = 30; }),
    };

    private static readonly Candidate[] Regression =
    {
        new("defaults", NumericScaling.MeanVariance, _ => { }),
        new("quantile scaling", NumericScaling.Quantile, _ => { }),
        new("+ numeric bins one-hot", NumericScaling.MeanVarianceWithBins, _ => { }),
        new("Huber", NumericScaling.MeanVariance, o => ((MlpRegressionOptions)o).Loss = Microsoft.ML.Dropout.RegressionLoss.Huber),
        new("dropout 0.1", NumericScaling.MeanVariance, o => o.DropoutRate = 0.1),
        new("dropout 0", NumericScaling.MeanVariance, o => o.DropoutRate = 0),
        new("lr 3e-3", NumericScaling.MeanVariance, o => o.LearningRate = 3e-3),
        new("100 epochs, patience 16", NumericScaling.MeanVariance, o => { o.MaxEpochs = 100; o.EarlyStoppingPatience = 16; }),
        new("dropout 0.1, 100 epochs, patience 16", NumericScaling.MeanVariance, o => { o.DropoutRate = 0.1; o.MaxEpochs = 100; o.EarlyStoppingPatience = 16; }),
        new("lr 3e-3, dropout 0.1, 100 epochs, patience 16", NumericScaling.MeanVariance, o => { o.LearningRate = 3e-3; o.DropoutRate = 0.1; o.MaxEpochs = 100; o.EarlyStoppingPatience = 16; }),
        new("bins, lr 3e-3, dropout 0.1, 100 epochs, patience 16", NumericScaling.MeanVarianceWithBins, o => { o.LearningRate = 3e-3; o.DropoutRate = 0.1; o.MaxEpochs = 100; o.EarlyStoppingPatience = 16; }),
        new("lr 3e-3, no decay, dropout 0.1, 100 epochs, patience 16", NumericScaling.MeanVariance, o => { o.LearningRate = 3e-3; o.WeightDecay = 0; o.DropoutRate = 0.1; o.MaxEpochs = 100; o.EarlyStoppingPatience = 16; }),
        new("batch 64, dropout 0.1, 100 epochs, patience 16", NumericScaling.MeanVariance, o => { o.BatchSize = 64; o.DropoutRate = 0.1; o.MaxEpochs = 100; o.EarlyStoppingPatience = 16; }),
        new("batch 128, lr 2e-3, dropout 0.1, 100 epochs, patience 16", NumericScaling.MeanVariance, o => { o.BatchSize = 128; o.LearningRate = 2e-3; o.DropoutRate = 0.1; o.MaxEpochs = 100; o.EarlyStoppingPatience = 16; }),
        new("[256, 256, 256], lr 3e-3, dropout 0.1, 100 epochs, patience 16", NumericScaling.MeanVariance, o => { o.HiddenLayers = new[] { 256, 256, 256 }; o.LearningRate = 3e-3; o.DropoutRate = 0.1; o.MaxEpochs = 100; o.EarlyStoppingPatience = 16; }),
        new("[512, 256], dropout 0.1", NumericScaling.MeanVariance, o => { o.HiddenLayers = new[] { 512, 256 }; o.DropoutRate = 0.1; }),
    };

    public void Run()
    {
        report.Line("# Tuning on the training part only");
        report.Line();
        foreach (string name in args.SelectedDatasets)
        {
            var ml = new MLContext(0);
            DatasetSplit? split = name switch
            {
                "adult" => AdultDataset.TryLoad(ml, datasetRoot, out _),
                "california" => CaliforniaHousingDataset.TryLoad(ml, datasetRoot, out _),
                _ => null,
            };
            if (split is null)
            {
                report.Line($"## {name}\n\nSkipped (tuning knows adult and california, and needs the files).\n");
                continue;
            }
            // Fixed 80/20 split of the TRAINING part; the test part of the split is not used.
            var inner = ml.Data.TrainTestSplit(split.Train, testFraction: 0.2, seed: 7);
            Run(ml, split, inner.TrainSet, inner.TestSet);
        }
    }

    private void Run(MLContext ml, DatasetSplit split, IDataView fitPart, IDataView holdoutPart)
    {
        report.Line($"## {split.Name}: 80/20 split of the training part (seed 7); our trainer through the engine, {args.Seeds} seed(s)");
        report.Line();
        var candidates = (split.Task == TaskKind.Regression ? Regression : Classification).Where(c => args.IncludesTrainer(c.Name)).ToList();
        var rows = new List<IReadOnlyList<string>>();
        var cache = new Dictionary<NumericScaling, (TrainingData Fit, TrainingData Holdout)>();
        foreach (var c in candidates)
        {
            if (!cache.TryGetValue(c.Scaling, out var data))
            {
                var featurizer = (split with { Featurizer = Rebuild(ml, split, c.Scaling) }).Featurizer.Fit(fitPart);
                data = (TrainingDataReader.Read(featurizer.Transform(fitPart)), TrainingDataReader.Read(featurizer.Transform(holdoutPart)));
                cache[c.Scaling] = data;
            }
            var metric = new List<double>();
            var logLoss = new List<double>();
            var seconds = new List<double>();
            var epochs = new List<int>();
            var eceBefore = new List<double>();
            var eceAfter = new List<double>();
            for (int seed = 0; seed < args.Seeds; seed++)
            {
                MlpTrainerOptions o = split.Task == TaskKind.Regression ? new MlpRegressionOptions() : new MlpClassificationOptions();
                o.Seed = seed;
                o.NumberOfThreads = args.Threads;
                c.Configure(o);
                var clock = Stopwatch.StartNew();
                var result = new MlpTrainer(o, TrainingTask.Of(split.Task, (int)data.Fit.Labels.Max() + 1)).Fit(data.Fit);
                seconds.Add(clock.Elapsed.TotalSeconds);
                epochs.Add(result.History.Count);
                var (m, ll) = Score(result.Model, data.Holdout);
                metric.Add(m);
                logLoss.Add(ll);
                var cal = CalibrationOnHoldout(result.Model, data.Holdout);
                eceBefore.Add(cal.Before);
                eceAfter.Add(cal.After);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.Name}, seed {seed}: {m:0.0000} log-loss {ll:0.0000} ({result.History.Count} epochs, best {result.BestEpoch}, {seconds[^1]:0.0} s)"));
            }
            rows.Add(new[] { c.Name, MarkdownReport.F(metric.Average()), MarkdownReport.F(logLoss.Average()), MarkdownReport.F(eceBefore.Average()), MarkdownReport.F(eceAfter.Average()), epochs.Average().ToString("0", CultureInfo.InvariantCulture), seconds.Average().ToString("0.0", CultureInfo.InvariantCulture) });
        }
        report.Table(new[] { "candidate", split.Task == TaskKind.Regression ? "holdout RMSE" : "holdout accuracy", split.Task == TaskKind.Regression ? "–" : "holdout log-loss (nats)", "ECE", "ECE after T", "epochs", "train s" }, rows);
        report.Line();
    }

    private static IEstimator<ITransformer> Rebuild(MLContext ml, DatasetSplit split, NumericScaling scaling) => split.Name switch
    {
        "adult" => TabularFeaturizer.Build(ml, split.Task, AdultDataset.NumericColumns, AdultDataset.CategoricalColumns, scaling),
        "california" => TabularFeaturizer.Build(ml, split.Task, CaliforniaHousingDataset.NumericColumns, Array.Empty<string>(), scaling),
        _ => split.Featurizer,
    };

    /// <summary>Binary: ECE of the holdout's second half before and after temperature scaling fitted on its first half.</summary>
    private static (double Before, double After, double T) CalibrationOnHoldout(MlpSnapshot model, TrainingData data)
    {
        if (model.Task != TaskKind.BinaryClassification) return (double.NaN, double.NaN, double.NaN);
        float[] z = SnapshotEvaluator.Forward(model, data.Features, data.RowCount);
        int half = data.RowCount / 2;
        bool[] labels = data.Labels.Select(y => y > 0.5f).ToArray();
        double t = TemperatureScaling.Fit(z[..half], labels[..half]);
        double Ece(double temperature) => Calibration.Binary(SnapshotEvaluator.Sigmoid(z[half..], temperature), labels[half..]).Ece;
        return (Ece(1), Ece(t), t);
    }

    private static (double Metric, double LogLoss) Score(MlpSnapshot model, TrainingData data)
    {
        float[] raw = SnapshotEvaluator.Forward(model, data.Features, data.RowCount);
        if (model.Task == TaskKind.Regression)
        {
            float[] pred = SnapshotEvaluator.ToLabelUnits(model, raw);
            double sse = 0;
            for (int i = 0; i < pred.Length; i++) sse += (pred[i] - data.Labels[i]) * (pred[i] - data.Labels[i]);
            return (Math.Sqrt(sse / pred.Length), double.NaN);
        }
        float[] p = SnapshotEvaluator.Probabilities(model, raw, data.RowCount);
        int correct = 0;
        double ll = 0;
        if (model.Task == TaskKind.BinaryClassification)
        {
            for (int i = 0; i < p.Length; i++)
            {
                bool y = data.Labels[i] > 0.5f;
                if ((p[i] >= 0.5f) == y) correct++;
                ll -= Math.Log(Math.Clamp(y ? p[i] : 1 - p[i], 1e-15, 1));
            }
        }
        else
        {
            int k = model.OutputSize;
            for (int i = 0; i < data.RowCount; i++)
            {
                int best = 0;
                for (int j = 1; j < k; j++) if (p[i * k + j] > p[i * k + best]) best = j;
                if (best == (int)data.Labels[i]) correct++;
                ll -= Math.Log(Math.Clamp(p[i * k + (int)data.Labels[i]], 1e-15, 1));
            }
        }
        return ((double)correct / data.RowCount, ll / data.RowCount);
    }
}
