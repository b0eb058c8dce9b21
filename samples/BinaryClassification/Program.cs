// Binary classification on UCI Adult (income > 50K), in the shape of ML.NET Model Builder's generated code:
// load -> featurize -> train (live progress) -> evaluate (ML.NET evaluators + calibration) -> save model.zip ->
// reload in a fresh MLContext -> predict one row -> HTML report.
//
//   dotnet run --project samples/BinaryClassification -- [--data <datasets folder or adult folder>] [--epochs N] [--out dir] [--seed S]
using Microsoft.ML;
using Microsoft.ML.Dropout.Estimators;
using MLNetRegularization.Samples;
using MLNetRegularization.Samples.Datasets;
using MLNetRegularization.Samples.Predictions;
using MLNetRegularization.Samples.Reporting;

const string Usage = """
    BinaryClassification: a regularized MLP on UCI Adult (income > 50K).
    Options:
      --data <path>   datasets folder (holding adult/) or the adult folder itself. Default: ../shared/datasets found
                      from the current directory or the repository root.
      --epochs <N>    maximum epochs (early stopping may end sooner). Default 30.
      --out <dir>     where model.zip and report.html go. Default out/BinaryClassification.
      --seed <S>      seed of initialization, shuffling and dropout. Default 1.
    """;

return SampleApp.Run(args, Usage, () =>
{
    int epochs = SampleApp.Epochs(args, 30);
    int seed = SampleApp.Seed(args);
    string outDir = SampleApp.OutputDirectory(args, "BinaryClassification");
    string datasetRoot = DatasetArgument.ResolveRoot(args, AdultDataset.FolderName);
    var mlContext = new MLContext(seed: seed);

    // 1. Load the official train/test files and featurize: one-hot categoricals, numerics to mean 0 / variance 1.
    ConsoleTables.Step("Load and featurize UCI Adult");
    var split = DatasetArgument.Require(AdultDataset.TryLoad(mlContext, datasetRoot, out string missing), missing);
    var data = split.Featurize(mlContext);
    Console.WriteLine($"{data.TrainRows:N0} training rows, {data.TestRows:N0} test rows, {data.FeatureCount} features ({split.Note}).");

    // 2. Train. 10% of the training rows are held out (stratified) for early stopping and best-weight restore.
    ConsoleTables.Step("Train RegularizedMlp");
    var model = TrainingProgressDisplay.Run("RegularizedMlp on Adult", epochs, progress =>
    {
        var options = new RegularizedMlpBinaryTrainer.Options
        {
            HiddenLayers = new[] { 128, 64 },
            DropoutRate = 0.3,      // hidden dropout, ramped up over the first half of training
            WeightDecay = 0.01,     // AdamW (decoupled) on weight matrices only
            LabelSmoothing = 0.05,
            MaxEpochs = epochs,
            WarmupEpochs = SampleApp.WarmupFor(epochs),
            Seed = seed,
            Progress = progress,
        };
        return mlContext.BinaryClassification.Trainers.RegularizedMlp(options).Fit(data.Train);
    });

    // 3. Evaluate on the test file with ML.NET's evaluator, plus calibration of the probabilities.
    ConsoleTables.Step("Evaluate on the test set");
    IDataView scored = model.Transform(data.Test);
    var metrics = mlContext.BinaryClassification.Evaluate(scored);
    var calibration = mlContext.BinaryClassification.EvaluateCalibration(scored);
    var tables = new[] { MetricTables.Binary(metrics), MetricTables.Training(model.Model, split.Note) };
    foreach (var table in tables) ConsoleTables.Print(table);
    ConsoleTables.Print(MetricTables.Calibration(calibration));

    // 4. Save featurization + model as one model.zip, reload it in a fresh MLContext and predict one row.
    ConsoleTables.Step("Save, reload, predict");
    string modelPath = ModelFile.Save(mlContext, ModelFile.Chain(data.Featurizer, model), split.Train.Schema, outDir);
    var (consumer, loaded) = ModelFile.LoadFresh(modelPath);
    var engine = consumer.Model.CreatePredictionEngine<AdultRow, BinaryPrediction>(loaded);
    AdultRow person = mlContext.Data.CreateEnumerable<AdultRow>(split.Test, reuseRowObject: false).First();
    BinaryPrediction prediction = engine.Predict(person);
    Console.WriteLine($"Saved {modelPath}");
    Console.WriteLine($"Row: age {person.Age}, {person.Education}, {person.Occupation}, {person.HoursPerWeek} h/week; actual >50K: {person.Label}");
    Console.WriteLine($"Predicted >50K: {prediction.PredictedLabel} (probability {prediction.Probability:0.000})");

    // 5. Report: learning curves, schedules, metric tables, calibration.
    string reportPath = TrainingReport.Write(outDir, "RegularizedMlp on UCI Adult", model.Model, "accuracy", tables, calibration);
    Console.WriteLine($"Report: {reportPath}");
    model.Model.Dispose();
    return 0;
});
