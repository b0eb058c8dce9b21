// QuickStart: the README's main job. Trains the default regularized MLP next to an unregularized one on a
// synthetic problem that overfits easily, shows live progress, prints the metrics and the train/validation gap of
// both, writes model.zip and an HTML report, reloads the model in a fresh MLContext and predicts one row.
//
//   dotnet run --project samples/QuickStart [-- --epochs 40 --out out/QuickStart]
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Datasets;
using Microsoft.ML.Dropout.Estimators;
using Microsoft.ML.Dropout.Metrics;
using Microsoft.ML.Dropout.Reports;
using MLNetRegularization.Samples;
using MLNetRegularization.Samples.Reporting;

const string Usage = "QuickStart [--epochs N (default 40)] [--out DIR (default out/QuickStart)] [--seed N]";
return SampleApp.Run(args, Usage, () =>
{
    int epochs = SampleApp.Epochs(args, 40);
    int seed = SampleApp.Seed(args);
    string output = SampleApp.OutputDirectory(args, "QuickStart");
    var ml = new MLContext(seed: seed);
    var ci = CultureInfo.InvariantCulture;

    // 1. Data: 2,000 rows × 50 Gaussian features of which 10 carry signal, 4 classes (REGULARIZATION.md's experiment),
    //    with 10% of the labels replaced at random, as real labels are noisy: memorizing them is what overfitting is.
    var table = SyntheticClassification.Generate(rows: 2000, features: QuickStartRow.FeatureCount, informative: 10, classes: 4, seed: 42, labelNoise: 0.1);
    var rows = Enumerable.Range(0, table.RowCount).Select(r => new QuickStartRow
    {
        Features = table.Features.AsSpan(r * table.FeatureCount, table.FeatureCount).ToArray(),
        Label = $"class{(int)table.Labels[r]}",
    }).ToList();
    var split = ml.Data.TrainTestSplit(ml.Data.LoadFromEnumerable(rows), testFraction: 0.3, seed: 1);
    ConsoleTables.Step($"Data: {table.RowCount} rows × {table.FeatureCount} features (10 informative), 4 classes, 10% label noise; 70% train / 30% validation");

    // 2. Two pipelines that differ only in regularization: dropout (0.1→0.3 ramp), AdamW decay, early stopping
    //    with restore-best-weights and the weight average, against none of them.
    var runs = new List<QuickStartRun>();
    foreach (var (name, options) in new[]
    {
        ("regularized (defaults)", new RegularizedMlpMulticlassTrainer.Options { MaxEpochs = epochs, Seed = seed, WarmupEpochs = SampleApp.WarmupFor(epochs) }),
        ("unregularized", new RegularizedMlpMulticlassTrainer.Options
        {
            MaxEpochs = epochs, Seed = seed, WarmupEpochs = SampleApp.WarmupFor(epochs),
            DropoutRate = 0, WeightDecay = 0, LabelSmoothing = 0, EarlyStoppingPatience = null, RestoreBestWeights = false,
            WeightAveragingDecay = null,
        }),
    })
    {
        var model = TrainingProgressDisplay.Run(name, epochs, progress =>
        {
            options.Progress = progress;
            return ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(ml.MulticlassClassification.Trainers.RegularizedMlp(options))
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
                .Fit(split.TrainSet);
        });
        var mlp = model.OfType<RegularizedMlpPredictionTransformer>().Single().Model;
        var train = ml.MulticlassClassification.Evaluate(model.Transform(split.TrainSet));
        var scoredValid = model.Transform(split.TestSet);
        var valid = ml.MulticlassClassification.Evaluate(scoredValid);
        runs.Add(new QuickStartRun(name, model, mlp, train.MicroAccuracy, valid.MicroAccuracy, valid.LogLoss,
            ml.MulticlassClassification.EvaluateCalibration(scoredValid)));
    }

    // 3. The comparison: accuracy on the rows each model learned from and on new rows, and the gap between them.
    var comparison = new ReportTable("Train/validation gap (accuracy in eval mode; log-loss in nats; ECE with 15 bins)",
        new[] { "model", "train accuracy", "validation accuracy", "gap", "validation log-loss", "validation ECE", "epochs (best)", "train s" },
        runs.Select(r => (IReadOnlyList<string>)new[]
        {
            r.Name, F(r.TrainAccuracy), F(r.ValidAccuracy), F(r.TrainAccuracy - r.ValidAccuracy), F(r.ValidLogLoss),
            F(r.Calibration.Ece), $"{r.Mlp.History.Count} ({r.Mlp.BestEpoch})", r.Mlp.TrainingSeconds.ToString("0.0", ci),
        }).ToList());
    ConsoleTables.Print(comparison);

    // 4. Save the regularized model and write the report.
    var best = runs[0];
    string modelPath = ModelFile.Save(ml, best.Model, split.TrainSet.Schema, output);
    var report = new HtmlReport("QuickStart: regularized vs unregularized MLP")
        .AddParagraph("2,000 synthetic rows, 50 features of which 10 carry signal, 4 classes, 10% of labels random; 70/30 split. Both models share the architecture " +
                      "(256-128, GELU, LayerNorm) and differ only in regularization.")
        .AddTable(comparison)
        .AddHeading("Calibration on the validation split")
        .AddFigure(CalibrationCharts.ReliabilityDiagram(runs.Select(r => (r.Name, r.Calibration.ReliabilityBins, r.Calibration.Ece)).ToList()))
        .AddFigure(CalibrationCharts.ConfidenceHistogram(best.Calibration.ReliabilityBins));
    foreach (var (run, i) in runs.Select((r, i) => (r, i)))
    {
        string prefix = i == 0 ? "regularized-" : "unregularized-";
        report.AddHeading($"Learning curves: {run.Name}")
            .AddFigure(LearningCurveCharts.Loss(run.Mlp.History, run.Mlp.BestEpoch, prefix))
            .AddFigure(LearningCurveCharts.Metric(run.Mlp.History, run.Mlp.BestEpoch, "accuracy", prefix))
            .AddFigure(LearningCurveCharts.Schedules(run.Mlp.History, prefix));
    }
    string reportPath = report.Write(output);
    ConsoleTables.Step($"Saved {modelPath}{Environment.NewLine}   and {reportPath}");

    // 5. Reload in a fresh MLContext (what a consuming app does) and predict one row.
    var (fresh, loaded) = ModelFile.LoadFresh(modelPath);
    var engine = fresh.Model.CreatePredictionEngine<QuickStartRow, QuickStartPrediction>(loaded);
    var sample = rows[^1];
    var prediction = engine.Predict(sample);
    VBuffer<ReadOnlyMemory<char>> classNames = default;
    loaded.GetOutputSchema(split.TrainSet.Schema)["Score"].GetSlotNames(ref classNames); // Score slots follow the label's key order
    var probabilities = classNames.DenseValues().Zip(prediction.Score, (name, p) => string.Create(ci, $"{name} {p:0.000}"));
    ConsoleTables.Step($"Reloaded model predicts '{prediction.PredictedLabel}' for a row labelled '{sample.Label}' (probabilities: {string.Join(", ", probabilities)})");
    return 0;

    static string F(double v) => MetricTables.F(v);
});

/// <summary>One input row: 50 features and a class name.</summary>
internal sealed class QuickStartRow
{
    public const int FeatureCount = 50;
    [VectorType(FeatureCount)] public float[] Features { get; set; } = Array.Empty<float>();
    public string Label { get; set; } = "";
}

/// <summary>What the model adds: the class name and the class probabilities.</summary>
internal sealed class QuickStartPrediction
{
    public string PredictedLabel { get; set; } = "";
    public float[] Score { get; set; } = Array.Empty<float>();
}

/// <summary>One trained model and its measurements.</summary>
internal sealed record QuickStartRun(string Name, ITransformer Model, RegularizedMlpModelParameters Mlp,
    double TrainAccuracy, double ValidAccuracy, double ValidLogLoss, CalibrationMetrics Calibration);
