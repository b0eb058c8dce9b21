// Trains ML.NET's LightGBM, SDCA and our RegularizedMlp on the same featurized split and prints ONE comparison
// table: accuracy/AUC (or RMSE), log-loss, ECE, training seconds and scoring rows/s. Also writes the table as
// Markdown (comparison.md, for the README) and as an HTML report.
//
//   dotnet run -c Release --project samples/Comparison -- [--dataset adult|california|boston|iris|mnist] [--epochs N] [--out dir]
using Microsoft.ML;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Estimators;
using Microsoft.ML.Dropout.Reports;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Samples;
using MLNetRegularization.Samples.Comparison;
using MLNetRegularization.Samples.Datasets;
using MLNetRegularization.Samples.Reporting;

const string Usage = """
    Comparison: ML.NET LightGBM, SDCA and RegularizedMlp on the same split, one table.
    Options:
      --dataset adult|california|boston|iris|mnist   which dataset. Default adult.
      --data <path>          datasets folder (or that dataset's folder). Default: ../shared/datasets found from the
                             current directory or the repository root.
      --epochs <N>           RegularizedMlp maximum epochs (early stopping may end sooner). Default 30.
      --max-train-rows <N>   MNIST only: train on the first N training images. Default all.
      --out <dir>            where comparison.md and report.html go. Default out/Comparison.
      --seed <S>             seed of the MLP and of ML.NET. Default 1.
    """;

return SampleApp.Run(args, Usage, () =>
{
    string dataset = Arguments.String(args, "--dataset", "adult").ToLowerInvariant();
    int epochs = SampleApp.Epochs(args, 30);
    int seed = SampleApp.Seed(args);
    string outDir = SampleApp.OutputDirectory(args, "Comparison");
    var mlContext = new MLContext(seed: seed);

    string Root(string folder) => DatasetArgument.ResolveRoot(args, folder);
    string missing = "";
    DatasetSplit split = dataset switch
    {
        "adult" => DatasetArgument.Require(AdultDataset.TryLoad(mlContext, Root(AdultDataset.FolderName), out missing), missing),
        "california" => DatasetArgument.Require(CaliforniaHousingDataset.TryLoad(mlContext, Root(CaliforniaHousingDataset.FolderName), out missing), missing),
        "boston" => DatasetArgument.Require(BostonHousingDataset.TryLoad(mlContext, Root(BostonHousingDataset.FolderName), out missing), missing),
        "iris" => DatasetArgument.Require(IrisDataset.TryLoadFolds(mlContext, Root(IrisDataset.FolderName), out missing), missing)[0],
        "mnist" => DatasetArgument.Require(MnistDataset.TryLoad(mlContext, Root(MnistDataset.FolderName), out missing,
            Arguments.Optional(args, "--max-train-rows") is null ? null : Arguments.Int(args, "--max-train-rows", 60000)), missing),
        _ => throw new SampleUsageException($"Option --dataset expects adult, california, boston, iris or mnist; received '{dataset}'."),
    };

    ConsoleTables.Step($"Load and featurize {split.Name}");
    var data = split.Featurize(mlContext);
    Console.WriteLine($"{data.TrainRows:N0} training rows, {data.TestRows:N0} test rows, {data.FeatureCount} features ({split.Note}).");
    int batchSize = (int)Math.Min(256, Math.Max(8, data.TrainRows / 10));

    // The same featurized rows go to every trainer; each is timed on Fit and on scoring the test rows.
    var candidates = new List<(string Name, Func<IDataView, ITransformer> Fit)>();
    switch (split.Task)
    {
        case TaskKind.BinaryClassification:
            candidates.Add(("LightGBM", train => mlContext.BinaryClassification.Trainers.LightGbm().Fit(train)));
            candidates.Add(("SDCA logistic regression", train => mlContext.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(train)));
            candidates.Add(("RegularizedMlp", train => TrainingProgressDisplay.Run("RegularizedMlp", epochs, progress =>
                mlContext.BinaryClassification.Trainers.RegularizedMlp(SampleApp.TrainerOptions(new RegularizedMlpBinaryTrainer.Options(), epochs, batchSize, seed, progress)).Fit(train))));
            break;
        case TaskKind.MulticlassClassification:
            candidates.Add(("LightGBM", train => mlContext.MulticlassClassification.Trainers.LightGbm().Fit(train)));
            candidates.Add(("SDCA maximum entropy", train => mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy().Fit(train)));
            candidates.Add(("RegularizedMlp", train => TrainingProgressDisplay.Run("RegularizedMlp", epochs, progress =>
                mlContext.MulticlassClassification.Trainers.RegularizedMlp(SampleApp.TrainerOptions(new RegularizedMlpMulticlassTrainer.Options(), epochs, batchSize, seed, progress)).Fit(train))));
            break;
        default:
            candidates.Add(("LightGBM", train => mlContext.Regression.Trainers.LightGbm().Fit(train)));
            // SDCA with automatic iterations can run for minutes on regression: capped (MLNET-INTEGRATION.md).
            candidates.Add(("SDCA (100 iterations)", train => mlContext.Regression.Trainers.Sdca(maximumNumberOfIterations: 100).Fit(train)));
            candidates.Add(("RegularizedMlp", train => TrainingProgressDisplay.Run("RegularizedMlp", epochs, progress =>
                mlContext.Regression.Trainers.RegularizedMlp(SampleApp.TrainerOptions(new RegularizedMlpRegressionTrainer.Options(), epochs, batchSize, seed, progress)).Fit(train))));
            break;
    }

    var results = new List<ComparisonResult>();
    RegularizedMlpModelParameters? mlp = null;
    foreach (var (name, fit) in candidates)
    {
        ConsoleTables.Step($"Train and evaluate {name}");
        var (result, model) = ModelComparison.Run(mlContext, data, name, fit);
        results.Add(result);
        if (model is RegularizedMlpPredictionTransformer ours) mlp = ours.Model;
        Console.WriteLine($"{name}: trained in {result.TrainSeconds:0.0} s, scored {result.RowsPerSecond:N0} rows/s.");
    }

    string caption = $"{split.Name}: {data.TrainRows:N0} train / {data.TestRows:N0} test rows, {data.FeatureCount} features ({split.Note}); RegularizedMlp max {epochs} epochs";
    ReportTable table = ModelComparison.ToTable(caption, split.Task, results);
    ConsoleTables.Step("Comparison");
    ConsoleTables.Print(table);
    Console.WriteLine("Scoring rows/s: Transform + a cursor pass reading the predictions of every test row, after one warm-up pass (on small test sets the per-pass overhead dominates). " +
        "RegularizedMlp scores through ML.NET's OnnxTransformer, one row per ONNX Runtime call; Model.PredictBatch is the bulk path.");

    string batchNote = "";
    if (mlp is not null)
    {
        // The bulk path: one ONNX Runtime session over blocks of 4,096 rows.
        double batchRowsPerSecond = ModelComparison.MeasureRowsPerSecond(() => mlp.PredictBatch(data.Test).Length / mlp.OutputWidth);
        batchNote = $"RegularizedMlp through Model.PredictBatch: {batchRowsPerSecond:N0} rows/s.";
        Console.WriteLine(batchNote);
    }

    string command = $"dotnet run -c Release --project samples/Comparison -- --dataset {dataset} --epochs {epochs} --seed {seed}";
    string markdown = ModelComparison.ToMarkdown(table) + Environment.NewLine + $"Caption: {caption}. {batchNote} Regenerate with `{command}`." + Environment.NewLine;
    string mdPath = Path.Combine(outDir, "comparison.md");
    File.WriteAllText(mdPath, markdown);
    Console.WriteLine($"Markdown: {mdPath}");

    var report = new HtmlReport($"Comparison on {split.Name}").AddTable(table).AddParagraph(batchNote).AddParagraph($"Command: {command}");
    var calibrated = results.Where(r => r.Calibration is not null).ToList();
    if (calibrated.Count > 0)
    {
        report.AddHeading("Calibration on the test rows");
        report.AddFigure(CalibrationCharts.ReliabilityDiagram(calibrated.Select(r => (r.Trainer, r.Calibration!.ReliabilityBins, r.Calibration.Ece)).ToList()));
    }
    if (mlp is not null)
    {
        report.AddHeading("RegularizedMlp learning curves");
        report.AddFigure(LearningCurveCharts.Loss(mlp.History, mlp.BestEpoch));
        report.AddFigure(LearningCurveCharts.Metric(mlp.History, mlp.BestEpoch, split.Task == TaskKind.Regression ? "RMSE" : "accuracy"));
        mlp.Dispose();
    }
    Console.WriteLine($"Report: {report.Write(outDir)}");
    return 0;
});
