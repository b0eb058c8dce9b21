// Regression on California housing (default) or Boston housing, in the shape of ML.NET Model Builder's generated code:
// load (TextLoader) -> featurize -> train (live progress) -> evaluate (ML.NET evaluator) -> save model.zip ->
// reload in a fresh MLContext -> predict one row -> HTML report.
//
//   dotnet run --project samples/Regression -- [--dataset california|boston] [--data <path>] [--epochs N] [--out dir]
using Microsoft.ML;
using Microsoft.ML.Dropout.Estimators;
using MLNetRegularization.Samples;
using MLNetRegularization.Samples.Datasets;
using MLNetRegularization.Samples.Predictions;
using MLNetRegularization.Samples.Reporting;

const string Usage = """
    Regression: a regularized MLP on California housing (median house value, $100,000s) or Boston housing ($1000s).
    Options:
      --dataset california|boston   which dataset. Default california.
      --data <path>                 datasets folder (holding california-housing/ or boston-housing/) or that folder.
                                    Default: ../shared/datasets found from the current directory or the repository root.
      --epochs <N>                  maximum epochs (early stopping may end sooner). Default 40.
      --out <dir>                   where model.zip and report.html go. Default out/Regression.
      --seed <S>                    seed of initialization, shuffling and dropout. Default 1.
    """;

return SampleApp.Run(args, Usage, () =>
{
    string dataset = Arguments.String(args, "--dataset", "california").ToLowerInvariant();
    int epochs = SampleApp.Epochs(args, 40);
    int seed = SampleApp.Seed(args);
    string outDir = SampleApp.OutputDirectory(args, "Regression");
    var mlContext = new MLContext(seed: seed);
    return dataset switch
    {
        "california" => Train<CaliforniaRow>(mlContext,
            DatasetArgument.Require(CaliforniaHousingDataset.TryLoad(mlContext, DatasetArgument.ResolveRoot(args, CaliforniaHousingDataset.FolderName), out string m1), m1),
            epochs, batchSize: 256, seed, outDir, "$100,000s"),
        "boston" => Train<BostonRow>(mlContext,
            DatasetArgument.Require(BostonHousingDataset.TryLoad(mlContext, DatasetArgument.ResolveRoot(args, BostonHousingDataset.FolderName), out string m2), m2),
            epochs, batchSize: 32, seed, outDir, "$1000s"),
        _ => throw new SampleUsageException($"Option --dataset expects california or boston; received '{dataset}'."),
    };
});

static int Train<TRow>(MLContext mlContext, DatasetSplit split, int epochs, int batchSize, int seed, string outDir, string unit)
    where TRow : class, new()
{
    // 1. The loader read the file with ML.NET's TextLoader and split it 80/20; featurize: numerics to mean 0 / variance 1.
    ConsoleTables.Step($"Load and featurize {split.Name} housing");
    var data = split.Featurize(mlContext);
    Console.WriteLine($"{data.TrainRows:N0} training rows, {data.TestRows:N0} test rows, {data.FeatureCount} features ({split.Note}).");

    // 2. Train. 10% of the training rows are held out for early stopping and best-weight restore.
    ConsoleTables.Step("Train RegularizedMlp");
    var model = TrainingProgressDisplay.Run($"RegularizedMlp on {split.Name} housing", epochs, progress =>
    {
        var options = new RegularizedMlpRegressionTrainer.Options
        {
            HiddenLayers = new[] { 128, 64 },
            DropoutRate = 0.1,      // regression tolerates less dropout than classification
            WeightDecay = 0.01,
            BatchSize = batchSize,
            MaxEpochs = epochs,
            WarmupEpochs = SampleApp.WarmupFor(epochs),
            Seed = seed,
            NumberOfThreads = data.TrainRows < 10_000 ? 1 : null, // tiny data: threads only add overhead
            Progress = progress,
        };
        return mlContext.Regression.Trainers.RegularizedMlp(options).Fit(data.Train);
    });

    // 3. Evaluate with ML.NET's evaluator.
    ConsoleTables.Step("Evaluate on the test set");
    IDataView scored = model.Transform(data.Test);
    var metrics = mlContext.Regression.Evaluate(scored);
    var tables = new[] { MetricTables.Regression(metrics), MetricTables.Training(model.Model, split.Note) };
    foreach (var table in tables) ConsoleTables.Print(table);

    // 4. Save featurization + model as one model.zip, reload it in a fresh MLContext and predict one row.
    ConsoleTables.Step("Save, reload, predict");
    string modelPath = ModelFile.Save(mlContext, ModelFile.Chain(data.Featurizer, model), split.Train.Schema, outDir);
    var (consumer, loaded) = ModelFile.LoadFresh(modelPath);
    var engine = consumer.Model.CreatePredictionEngine<TRow, RegressionPrediction>(loaded);
    TRow row = mlContext.Data.CreateEnumerable<TRow>(split.Test, reuseRowObject: false).First();
    float actual = (float)typeof(TRow).GetProperty("Label")!.GetValue(row)!;
    Console.WriteLine($"Saved {modelPath}");
    Console.WriteLine($"First test row: actual {actual:0.000}, predicted {engine.Predict(row).Score:0.000} ({unit})");

    // 5. Report: learning curves (RMSE in label units), schedules, metric table.
    string reportPath = TrainingReport.Write(outDir, $"RegularizedMlp on {split.Name} housing", model.Model, "RMSE", tables, calibration: null);
    Console.WriteLine($"Report: {reportPath}");
    model.Model.Dispose();
    return 0;
}

/// <summary>One row of california_housing.csv as the loader names its columns (scikit-learn layout).</summary>
internal sealed class CaliforniaRow
{
    public float MedInc { get; set; }
    public float HouseAge { get; set; }
    public float AveRooms { get; set; }
    public float AveBedrms { get; set; }
    public float Population { get; set; }
    public float AveOccup { get; set; }
    public float Latitude { get; set; }
    public float Longitude { get; set; }
    /// <summary>Median house value in $100,000s.</summary>
    public float Label { get; set; }
}

/// <summary>One row of housing.txt as the loader names its columns.</summary>
internal sealed class BostonRow
{
    public float CrimesPerCapita { get; set; }
    public float PercentResidental { get; set; }
    public float PercentNonRetail { get; set; }
    public float CharlesRiver { get; set; }
    public float NitricOxides { get; set; }
    public float RoomsPerDwelling { get; set; }
    public float PercentPre40s { get; set; }
    public float EmploymentDistance { get; set; }
    public float HighwayDistance { get; set; }
    public float TaxRate { get; set; }
    public float TeacherRatio { get; set; }
    public float BlackIndex { get; set; }
    public float PercentLowIncome { get; set; }
    /// <summary>Median home value in $1000s.</summary>
    public float Label { get; set; }
}
