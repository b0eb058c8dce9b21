using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Datasets;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Optimization;
using Microsoft.ML.Dropout.Schedules;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality;

/// <summary>
/// The regularization ablation of REGULARIZATION.md: the same MLP trained with one regularizer at a time, train
/// accuracy (eval mode) and validation accuracy on a fixed 70/30 split, averaged over seeds.
/// </summary>
internal sealed class AblationBenchmark(BenchmarkArguments args, string? datasetRoot, MarkdownReport report)
{
    /// <summary>The set-up shared by every row except "our default".</summary>
    private sealed record Setup(string Title, int[] Hidden, int Epochs, int BatchSize);

    private static readonly Setup SyntheticSetup = new("synthetic, 2,000 rows × 50 features (10 informative), 4 classes", new[] { 128, 64 }, 60, 64);
    private static readonly Setup AdultSetup = new("Adult training file (adult.data), binary", new[] { 128, 64 }, 20, 128);

    public void Run()
    {
        report.Line("# Regularization ablation");
        report.Line();
        report.Line($"{args.Seeds} seeds; mean ± standard deviation over seeds. Train accuracy is measured in eval mode (dropout off) on the 70% training part; " +
                    "validation accuracy on the held-out 30%. Rows with early stopping carve their own 10% from the 70%, never the 30%.");
        report.Line();
        foreach (string name in args.SelectedDatasets)
        {
            if (name == "synthetic")
                Run(args.LabelNoise > 0 ? SyntheticSetup with { Title = SyntheticSetup.Title + $", {args.LabelNoise:P0} of labels replaced by a random class" } : SyntheticSetup,
                    TaskKind.MulticlassClassification, 4, seed => WithLabelNoise(SyntheticClassification.Generate(2000, 50, 10, 4, seed), args.LabelNoise, seed));
            else if (name == "adult")
            {
                if (datasetRoot is null)
                {
                    report.Line("## Adult\n\nSkipped: " + DatasetLocator.NotFoundMessage(args.DataPath));
                    continue;
                }
                var ml = new MLContext(0);
                var split = AdultDataset.TryLoad(ml, datasetRoot, out string missing);
                if (split is null)
                {
                    report.Line($"## Adult\n\nSkipped: {missing}.\n");
                    continue;
                }
                // Only adult.data: the featurizer is fitted on it, and adult.test is never touched here.
                var featurized = split.Featurizer.Fit(split.Train).Transform(split.Train);
                TrainingData all = TrainingDataReader.Read(featurized);
                Run(AdultSetup, TaskKind.BinaryClassification, 2, _ => all);
            }
        }
    }

    private void Run(Setup setup, TaskKind task, int classes, Func<int, TrainingData> dataForSeed)
    {
        report.Line($"## {setup.Title}");
        report.Line();
        report.Line($"Reference set-up: MLP {string.Join("-", setup.Hidden)} ReLU, AdamW lr 1e-3 constant, batch {setup.BatchSize}, {setup.Epochs} epochs, no gradient clipping; " +
                    "\"our default\" uses MlpTrainerOptions defaults throughout.");
        report.Line();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var config in AblationConfig.All.Where(c => args.IncludesTrainer(c.Name)))
        {
            var train = new List<double>();
            var valid = new List<double>();
            var epochs = new List<double>();
            var seconds = new List<double>();
            for (int seed = 0; seed < args.Seeds; seed++)
            {
                TrainingData data = dataForSeed(seed);
                var (trainPart, validPart) = Split(data, 0.3, seed);
                var options = config.UsesDefaults ? new MlpClassificationOptions() : Reference(setup);
                options.Seed = seed;
                options.NumberOfThreads = args.Threads ?? 1; // accuracy, not speed: one thread avoids oversubscription on a shared machine
                config.Configure(options);
                bool ownValidation = config.UsesDefaults || options.EarlyStoppingPatience is not null;
                var clock = Stopwatch.StartNew();
                var result = new MlpTrainer(options, TrainingTask.Of(task, classes)).Fit(trainPart, ownValidation ? null : validPart);
                seconds.Add(clock.Elapsed.TotalSeconds);
                epochs.Add(result.History.Count);
                train.Add(SnapshotScorer.Accuracy(result.Model, trainPart));
                valid.Add(SnapshotScorer.Accuracy(result.Model, validPart));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {config.Name}, seed {seed}: train {train[^1]:0.000} valid {valid[^1]:0.000} ({result.History.Count} epochs, {seconds[^1]:0.0} s; last epoch: train loss {result.History[^1].TrainLoss:0.0000}, valid loss {result.History[^1].ValidLoss:0.0000}, valid metric {result.History[^1].ValidMetric:0.000}, best epoch {result.BestEpoch})"));
            }
            var gap = train.Zip(valid, (a, b) => a - b).ToList();
            rows.Add(new[] { config.Name, config.UsesDefaults ? "defaults" : config.Settings, MeanSd(train), MeanSd(valid), MeanSd(gap),
                             epochs.Average().ToString("0", CultureInfo.InvariantCulture), seconds.Average().ToString("0.0", CultureInfo.InvariantCulture) });
        }
        report.Table(new[] { "configuration", "settings", "train", "validation", "gap", "epochs", "s/run" }, rows);
        report.Line();
    }

    /// <summary>
    /// The reference MLP. Its tabular front and weight average are set explicitly (they were inherited from the
    /// defaults until the tenth session, so each change of the defaults moved every row): in-model quantile
    /// preprocessing, piecewise-linear embedding with the front scale at the weights' learning rate, and the weight
    /// average 0.99 — the v5/v6 defaults' values, with which the README's table was measured.
    /// </summary>
    private static MlpClassificationOptions Reference(Setup setup) => new()
    {
        Preprocessing = FeaturePreprocessing.Quantile,
        NumericEmbedding = NumericEmbeddingKind.PiecewiseLinear,
        FrontScale = true,
        FrontScaleLearningRateFactor = 1,
        WeightAveragingDecay = 0.99,
        RefitOnAllRows = false,
        CalibrateWithTemperature = false,
        HiddenLayers = setup.Hidden,
        Activation = Activation.Relu,
        Normalization = Normalization.None,
        DropoutRate = 0,
        Optimizer = OptimizerKind.AdamW,
        WeightDecay = 0,
        LabelSmoothing = 0,
        LearningRate = 1e-3,
        LearningRateSchedule = LearningRateScheduleKind.Constant,
        BatchSize = setup.BatchSize,
        MaxEpochs = setup.Epochs,
        EarlyStoppingPatience = null,
        RestoreBestWeights = false,
        ValidationFraction = 0,
        GradientClipNorm = null,
    };

    /// <summary>Replaces a fraction of the labels by a uniformly random class (seeded), in both parts of the later split.</summary>
    private static TrainingData WithLabelNoise(TrainingData data, double fraction, int seed)
    {
        if (fraction <= 0) return data;
        var random = new Random(seed + 5000);
        int classes = (int)data.Labels.Max() + 1;
        var labels = data.Labels.ToArray();
        for (int i = 0; i < labels.Length; i++)
            if (random.NextDouble() < fraction) labels[i] = random.Next(classes);
        return new TrainingData(data.Features, data.RowCount, data.FeatureCount, labels);
    }

    /// <summary>A seeded random split: (1 − fraction) for training, fraction held out.</summary>
    private static (TrainingData Train, TrainingData Holdout) Split(TrainingData data, double fraction, int seed)
    {
        int[] order = Enumerable.Range(0, data.RowCount).ToArray();
        new Random(seed + 1000).Shuffle(order);
        int holdout = (int)Math.Round(data.RowCount * fraction);
        return (data.Subset(order[holdout..]), data.Subset(order[..holdout]));
    }

    private static string MeanSd(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        double sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{mean:0.000} ± {sd:0.000}");
    }
}
