// Multiclass classification on iris (default) or MNIST, in the shape of ML.NET Model Builder's generated code:
// load -> featurize -> train (live progress) -> evaluate (ML.NET evaluator + calibration) -> save model.zip ->
// reload in a fresh MLContext -> predict one row -> HTML report.
//
//   dotnet run --project samples/MulticlassClassification -- [--dataset iris|mnist] [--data <path>] [--epochs N] [--out dir]
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Estimators;
using MLNetRegularization.Samples;
using MLNetRegularization.Samples.Datasets;
using MLNetRegularization.Samples.Reporting;

const string Usage = """
    MulticlassClassification: a regularized MLP on iris (3 classes) or MNIST (10 classes).
    Options:
      --dataset iris|mnist   which dataset. Default iris.
      --data <path>          datasets folder (holding iris/ or mnist/) or that dataset's folder. Default: ../shared/datasets
                             found from the current directory or the repository root.
      --epochs <N>           maximum epochs (early stopping may end sooner). Default 60 (iris), 10 (mnist).
      --max-train-rows <N>   MNIST only: train on the first N of the 60,000 training images. Default all.
      --out <dir>            where model.zip and report.html go. Default out/MulticlassClassification.
      --seed <S>             seed of initialization, shuffling and dropout. Default 1.
    """;

return SampleApp.Run(args, Usage, () =>
{
    string dataset = Arguments.String(args, "--dataset", "iris").ToLowerInvariant();
    int seed = SampleApp.Seed(args);
    string outDir = SampleApp.OutputDirectory(args, "MulticlassClassification");
    var mlContext = new MLContext(seed: seed);

    switch (dataset)
    {
        case "iris":
        {
            string root = DatasetArgument.ResolveRoot(args, IrisDataset.FolderName);
            // 150 rows: the first fold of the loader's stratified 5-fold split is the test set (120 train / 30 test).
            var folds = DatasetArgument.Require(IrisDataset.TryLoadFolds(mlContext, root, out string missing), missing);
            return Train<IrisRow, IrisPrediction>(mlContext, folds[0], SampleApp.Epochs(args, 60), new[] { 32, 16 }, batchSize: 16, seed, outDir,
                (row, p) => $"Flower {row.SepalLength}/{row.SepalWidth}/{row.PetalLength}/{row.PetalWidth} cm, actual {row.Label}: predicted {p.PredictedLabel} (probability {p.Score.Max():0.000})");
        }
        case "mnist":
        {
            string root = DatasetArgument.ResolveRoot(args, MnistDataset.FolderName);
            int? maxRows = Arguments.Optional(args, "--max-train-rows") is null ? null : Arguments.Int(args, "--max-train-rows", 60000);
            var split = DatasetArgument.Require(MnistDataset.TryLoad(mlContext, root, out string missing, maxRows), missing);
            return Train<MnistRow, MnistPrediction>(mlContext, split, SampleApp.Epochs(args, 10), new[] { 256, 128 }, batchSize: 256, seed, outDir,
                (row, p) => $"Image of a {row.Label}: predicted {p.PredictedLabel} (probability {p.Score.Max():0.000})");
        }
        default:
            throw new SampleUsageException($"Option --dataset expects iris or mnist; received '{dataset}'.");
    }
});

static int Train<TRow, TPrediction>(MLContext mlContext, DatasetSplit split, int epochs, int[] hiddenLayers, int batchSize, int seed,
    string outDir, Func<TRow, TPrediction, string> describe)
    where TRow : class, new()
    where TPrediction : class, new()
{
    // 1. Featurize: label to a key (classes sorted), numerics to mean 0 / variance 1 (iris) or pixels as they are (MNIST).
    ConsoleTables.Step($"Load and featurize {split.Name}");
    var data = split.Featurize(mlContext);
    Console.WriteLine($"{data.TrainRows:N0} training rows, {data.TestRows:N0} test rows, {data.FeatureCount} features ({split.Note}).");

    // 2. Train. 10% of the training rows are held out (stratified) for early stopping and best-weight restore.
    ConsoleTables.Step("Train RegularizedMlp");
    var model = TrainingProgressDisplay.Run($"RegularizedMlp on {split.Name}", epochs, progress =>
    {
        var options = new RegularizedMlpMulticlassTrainer.Options
        {
            HiddenLayers = hiddenLayers,
            DropoutRate = 0.2,
            WeightDecay = 0.01,
            LabelSmoothing = 0.1,
            BatchSize = batchSize,
            MaxEpochs = epochs,
            WarmupEpochs = SampleApp.WarmupFor(epochs),
            Seed = seed,
            NumberOfThreads = data.TrainRows < 10_000 ? 1 : null, // tiny data: threads only add overhead
            Progress = progress,
        };
        return mlContext.MulticlassClassification.Trainers.RegularizedMlp(options).Fit(data.Train);
    });

    // 3. Evaluate with ML.NET's evaluator, plus calibration of the class probabilities.
    ConsoleTables.Step("Evaluate on the test set");
    IDataView scored = model.Transform(data.Test);
    var metrics = mlContext.MulticlassClassification.Evaluate(scored);
    var calibration = mlContext.MulticlassClassification.EvaluateCalibration(scored);
    var tables = new[] { MetricTables.Multiclass(metrics), MetricTables.Training(model.Model, $"{split.Name}: {split.Note}") };
    foreach (var table in tables) ConsoleTables.Print(table);
    ConsoleTables.Print(MetricTables.Calibration(calibration));

    // 4. Save featurization + model + key-to-class mapping as one model.zip, reload it in a fresh MLContext, predict one row.
    ConsoleTables.Step("Save, reload, predict");
    ITransformer toClassName = mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(scored);
    string modelPath = ModelFile.Save(mlContext, ModelFile.Chain(data.Featurizer, model, toClassName), split.Train.Schema, outDir);
    var (consumer, loaded) = ModelFile.LoadFresh(modelPath);
    var engine = consumer.Model.CreatePredictionEngine<TRow, TPrediction>(loaded);
    TRow row = mlContext.Data.CreateEnumerable<TRow>(split.Test, reuseRowObject: false).First();
    Console.WriteLine($"Saved {modelPath}");
    Console.WriteLine(describe(row, engine.Predict(row)));

    // 5. Report: learning curves, schedules, metric tables, calibration.
    string reportPath = TrainingReport.Write(outDir, $"RegularizedMlp on {split.Name}", model.Model, "accuracy", tables, calibration);
    Console.WriteLine($"Report: {reportPath}");
    model.Model.Dispose();
    return 0;
}

/// <summary>Iris prediction: the class name and the class probabilities.</summary>
internal sealed class IrisPrediction
{
    public string PredictedLabel { get; set; } = "";
    public float[] Score { get; set; } = Array.Empty<float>();
}

/// <summary>MNIST prediction: the digit and the class probabilities.</summary>
internal sealed class MnistPrediction
{
    public float PredictedLabel { get; set; }
    public float[] Score { get; set; } = Array.Empty<float>();
}
