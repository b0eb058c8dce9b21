// A small command line in the spirit of the ML.NET CLI: point it at a delimited text file, name the label and the
// task; it infers the column types, trains a RegularizedMlp with live progress, evaluates it, and writes model.zip,
// report.html and ConsumeModel.cs (the code that loads model.zip and predicts with a PredictionEngine).
//
//   dotnet run --project samples/Cli -- train --data file.csv --label Col --task binary|multiclass|regression
//       [--out dir] [--epochs N] [--separator ,] [--has-header true] [--positive value] [--test-fraction 0.2] [--seed S]
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Estimators;
using Microsoft.ML.Dropout.Reports;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Samples;
using MLNetRegularization.Samples.Cli;
using MLNetRegularization.Samples.Datasets;
using MLNetRegularization.Samples.Reporting;

const string Usage = """
    Usage: Cli train --data <file> --label <column> --task binary|multiclass|regression [options]
    Infers column types (numeric -> Single feature, normalized; otherwise categorical, one-hot), trains a
    RegularizedMlp, evaluates it on a held-out split, and writes model.zip, report.html and ConsumeModel.cs.
    Options:
      --data <file>          delimited text file (required).
      --label <column>       label column name (required; without a header: col0, col1, ...).
      --task <task>          binary, multiclass or regression (required).
      --out <dir>            output folder. Default out/Cli.
      --epochs <N>           maximum epochs (early stopping may end sooner). Default 30.
      --separator <c>        field separator: one character, or tab, space, comma, semicolon. Default ','.
      --has-header <bool>    whether the first line holds column names. Default true.
      --positive <value>     binary: the label value that is the positive class. Default: 1, true, yes, or else
                             the second value in ordinal order.
      --test-fraction <f>    fraction of rows held out for the test metrics, in (0, 0.5]. Default 0.2.
      --seed <S>             seed of the split, initialization, shuffling and dropout. Default 1.
    """;

return SampleApp.Run(args, Usage, () =>
{
    if (args.Length == 0 || args[0] != "train")
        throw new SampleUsageException(args.Length == 0 ? "No command given: the only command is 'train'." : $"Unknown command '{args[0]}': the only command is 'train'.");
    string dataPath = Arguments.Optional(args, "--data") ?? throw new SampleUsageException("Option --data <file> is required.");
    string label = Arguments.Optional(args, "--label") ?? throw new SampleUsageException("Option --label <column> is required.");
    TaskKind task = (Arguments.Optional(args, "--task") ?? throw new SampleUsageException("Option --task binary|multiclass|regression is required.")).ToLowerInvariant() switch
    {
        "binary" => TaskKind.BinaryClassification,
        "multiclass" => TaskKind.MulticlassClassification,
        "regression" => TaskKind.Regression,
        var other => throw new SampleUsageException($"Option --task expects binary, multiclass or regression; received '{other}'."),
    };
    char separator = CsvText.ParseSeparator(Arguments.String(args, "--separator", ","));
    string headerText = Arguments.String(args, "--has-header", "true");
    if (!bool.TryParse(headerText, out bool hasHeader))
        throw new SampleUsageException($"Option --has-header expects true or false; received '{headerText}'.");
    string fractionText = Arguments.String(args, "--test-fraction", "0.2");
    if (!double.TryParse(fractionText, NumberStyles.Float, CultureInfo.InvariantCulture, out double testFraction) || testFraction <= 0 || testFraction > 0.5)
        throw new SampleUsageException($"Option --test-fraction expects a number in (0, 0.5]; received '{fractionText}'.");
    int epochs = SampleApp.Epochs(args, 30);
    int seed = SampleApp.Seed(args);
    string outDir = SampleApp.OutputDirectory(args, "Cli");

    // 1. Infer the columns from the header and a sample of rows.
    ConsoleTables.Step($"Infer columns of {dataPath}");
    InferredSchema schema = ColumnInference.Infer(dataPath, separator, hasHeader, label, task);
    var columnsTable = new ReportTable($"Columns of {Path.GetFileName(dataPath)} ({schema.RowCount:N0} rows)", new[] { "column", "use", "loaded as", "note" },
        schema.Columns.Select(c => (IReadOnlyList<string>)new[]
        {
            c.Header, c.Kind.ToString(), c.Kind == ColumnKind.Ignored ? "-" : (c.LoadAsNumber ? "Single" : "String") + (c.ColumnName != c.Header ? $" '{c.ColumnName}'" : ""), c.Note,
        }).ToList());
    ConsoleTables.Print(columnsTable);
    var numeric = schema.Columns.Where(c => c.Kind == ColumnKind.Numeric).Select(c => c.ColumnName).ToList();
    var categorical = schema.Columns.Where(c => c.Kind == ColumnKind.Categorical).Select(c => c.ColumnName).ToList();
    if (numeric.Count + categorical.Count == 0)
        throw new SampleUsageException("No usable feature columns: every column other than the label is empty or identifier-like.");

    // 2. Load with ML.NET's TextLoader, split, and build the featurization (label conversion for the task, one-hot, normalization).
    var mlContext = new MLContext(seed: seed);
    IDataView all = mlContext.Data.LoadFromTextFile(dataPath, schema.LoaderColumns(), separatorChar: separator, hasHeader: hasHeader,
        allowQuoting: TextRows.AllowQuoting, trimWhitespace: TextRows.TrimWhitespace);
    if (task == TaskKind.Regression)
    {
        all = mlContext.Data.FilterRowsByMissingValues(all, TabularFeaturizer.LabelColumn);
        if (schema.MissingLabels > 0) Console.WriteLine($"Skipping {schema.MissingLabels:N0} row(s) without a label value.");
    }
    IEstimator<ITransformer> featurizer = TabularFeaturizer.Build(mlContext, task, numeric, categorical);
    string positiveName = "true", negativeName = "false";
    string labelNote = task switch
    {
        TaskKind.Regression => "numeric label",
        TaskKind.MulticlassClassification => $"{schema.LabelValues.Count} classes: {string.Join(", ", schema.LabelValues.OrderBy(p => p.Key, StringComparer.Ordinal).Take(10).Select(p => $"'{p.Key}' ({p.Value:N0})"))}{(schema.LabelValues.Count > 10 ? ", ..." : "")}",
        _ => "",
    };
    if (task == TaskKind.BinaryClassification)
    {
        string positive = PositiveClass(schema, Arguments.Optional(args, "--positive"));
        string negative = schema.LabelValues.Keys.Single(v => v != positive);
        (positiveName, negativeName) = (positive, negative);
        labelNote = $"positive class '{positive}' ({schema.LabelValues[positive]:N0} rows), negative '{negative}' ({schema.LabelValues[negative]:N0} rows)";
        featurizer = mlContext.Transforms.Conversion.MapValue(TabularFeaturizer.LabelColumn,
            new[] { new KeyValuePair<string, bool>(negative, false), new KeyValuePair<string, bool>(positive, true) }).Append(featurizer);
    }
    Console.WriteLine($"Label '{schema.Label.Header}': {labelNote}.");
    var split = mlContext.Data.TrainTestSplit(all, testFraction, seed: seed);
    var raw = new DatasetSplit(Path.GetFileName(dataPath), task, split.TrainSet, split.TestSet, featurizer,
        $"random {(1 - testFraction) * 100:0}/{testFraction * 100:0} split, seed {seed}");
    var data = raw.Featurize(mlContext);
    Console.WriteLine($"{data.TrainRows:N0} training rows, {data.TestRows:N0} test rows, {data.FeatureCount} features ({raw.Note}).");
    if (data.TrainRows < 10 || data.TestRows < 1)
        throw new SampleUsageException($"Too few rows after the split ({data.TrainRows} train, {data.TestRows} test); use more data or a different --test-fraction.");

    // 3. Train with live progress. 10% of the training rows are held out for early stopping.
    ConsoleTables.Step("Train RegularizedMlp");
    int batchSize = (int)Math.Clamp(data.TrainRows / 10, 8, 256);
    RegularizedMlpPredictionTransformer model = TrainingProgressDisplay.Run($"RegularizedMlp on {raw.Name}", epochs, progress => task switch
    {
        TaskKind.BinaryClassification => mlContext.BinaryClassification.Trainers.RegularizedMlp(SampleApp.TrainerOptions(new RegularizedMlpBinaryTrainer.Options(), epochs, batchSize, seed, progress)).Fit(data.Train),
        TaskKind.MulticlassClassification => mlContext.MulticlassClassification.Trainers.RegularizedMlp(SampleApp.TrainerOptions(new RegularizedMlpMulticlassTrainer.Options(), epochs, batchSize, seed, progress)).Fit(data.Train),
        _ => mlContext.Regression.Trainers.RegularizedMlp(SampleApp.TrainerOptions(new RegularizedMlpRegressionTrainer.Options(), epochs, batchSize, seed, progress)).Fit(data.Train),
    });

    // 4. Evaluate with ML.NET's evaluators (+ calibration for classification).
    ConsoleTables.Step("Evaluate on the test rows");
    IDataView scored = model.Transform(data.Test);
    Microsoft.ML.Dropout.Metrics.CalibrationMetrics? calibration = null;
    ReportTable metrics;
    switch (task)
    {
        case TaskKind.BinaryClassification:
            metrics = MetricTables.Binary(mlContext.BinaryClassification.Evaluate(scored));
            calibration = mlContext.BinaryClassification.EvaluateCalibration(scored);
            break;
        case TaskKind.MulticlassClassification:
            metrics = MetricTables.Multiclass(mlContext.MulticlassClassification.Evaluate(scored));
            calibration = mlContext.MulticlassClassification.EvaluateCalibration(scored);
            break;
        default:
            metrics = MetricTables.Regression(mlContext.Regression.Evaluate(scored));
            break;
    }
    var tables = new[] { metrics, MetricTables.Training(model.Model, raw.Note), columnsTable };
    ConsoleTables.Print(metrics);
    ConsoleTables.Print(tables[1]);
    if (calibration is not null) ConsoleTables.Print(MetricTables.Calibration(calibration));

    // 5. Save the whole pipeline as model.zip, reload it in a fresh MLContext and predict the first test row.
    ConsoleTables.Step("Save, reload, predict");
    var parts = new List<ITransformer> { data.Featurizer, model };
    if (task == TaskKind.MulticlassClassification)
        parts.Add(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(scored));
    string modelPath = ModelFile.Save(mlContext, ModelFile.Chain(parts.ToArray()), all.Schema, outDir);
    var (consumer, loaded) = ModelFile.LoadFresh(modelPath);
    var values = loaded.Transform(consumer.Data.TakeRows(split.TestSet, 1)).Preview(1).RowView[0].Values;
    object Latest(string name) => values.Last(p => p.Key == name).Value; // later columns hide earlier ones of the same name
    string predicted = task switch
    {
        TaskKind.BinaryClassification => $"predicted {Latest("PredictedLabel")} (probability {(float)Latest("Probability"):0.000})",
        TaskKind.MulticlassClassification => $"predicted '{Latest("PredictedLabel")}'",
        _ => $"predicted {(float)Latest("Score"):0.####}",
    };
    Console.WriteLine($"Saved {modelPath}");
    Console.WriteLine($"First test row: label '{values.First(p => p.Key == "Label").Value}', {predicted}.");

    string snippetPath = Path.Combine(outDir, "ConsumeModel.cs");
    File.WriteAllText(snippetPath, ConsumeModelWriter.Generate(schema, task, Path.GetFileName(dataPath)));
    Console.WriteLine($"Code to consume the model: {snippetPath}");
    // The report's result charts from the test rows: ROC/PR (binary), confusion matrix (multiclass), residuals
    // (regression), and permutation feature importance (3 shuffles of up to 2,000 test rows).
    var featureNames = default(VBuffer<ReadOnlyMemory<char>>);
    var features = data.Test.Schema[TabularFeaturizer.FeaturesColumn];
    string[] names = features.HasSlotNames() ? GetSlotNames(features, ref featureNames) : Enumerable.Range(0, data.FeatureCount).Select(i => $"feature {i}").ToArray();
    const int PfiRows = 2_000, PfiPermutations = 3;
    var report = task switch
    {
        TaskKind.BinaryClassification => (Binary: ReportData.Binary(scored, positiveClass: $"{schema.Label.Header} = {positiveName}", negativeClass: $"{schema.Label.Header} = {negativeName}"),
            Multiclass: (Microsoft.ML.Dropout.Metrics.ClassPredictions?)null, Regression: (Microsoft.ML.Dropout.Metrics.RegressionPredictions?)null,
            Importance: ReportData.Importance(mlContext.BinaryClassification.PermutationFeatureImportance(model, data.Test, numberOfExamplesToUse: PfiRows, permutationCount: PfiPermutations), names)),
        TaskKind.MulticlassClassification => (Binary: (Microsoft.ML.Dropout.Metrics.BinaryPredictions?)null, Multiclass: ReportData.Multiclass(scored), Regression: null,
            Importance: ReportData.Importance(mlContext.MulticlassClassification.PermutationFeatureImportance(model, data.Test, numberOfExamplesToUse: PfiRows, permutationCount: PfiPermutations), names)),
        _ => (Binary: null, Multiclass: null, Regression: ReportData.Regression(scored, targetName: schema.Label.Header),
            Importance: ReportData.Importance(mlContext.Regression.PermutationFeatureImportance(model, data.Test, numberOfExamplesToUse: PfiRows, permutationCount: PfiPermutations), names)),
    };
    string reportPath = TrainingReport.Write(outDir, $"RegularizedMlp on {raw.Name} ({task})", model.Model.History, model.Model.BestEpoch,
        task == TaskKind.Regression ? "RMSE" : "accuracy", calibration, tables: tables,
        binary: report.Binary, multiclass: report.Multiclass, regression: report.Regression, importance: report.Importance);
    Console.WriteLine($"Report: {reportPath}");
    model.Model.Dispose();
    return 0;
});

static string[] GetSlotNames(DataViewSchema.Column column, ref VBuffer<ReadOnlyMemory<char>> names)
{
    column.GetSlotNames(ref names);
    return names.DenseValues().Select((n, i) => n.Length == 0 ? $"feature {i}" : n.ToString()).ToArray();
}

static string PositiveClass(InferredSchema schema, string? requested)
{
    var values = schema.LabelValues.Keys.ToList();
    if (requested is not null)
        return values.FirstOrDefault(v => v == requested) ?? values.FirstOrDefault(v => v.Trim() == requested.Trim())
            ?? throw new SampleUsageException($"Option --positive '{requested}' is not a value of label column '{schema.Label.Header}'; its values are {string.Join(" and ", values.Select(v => $"'{v}'"))}.");
    foreach (string conventional in new[] { "1", "+1", "true", "yes", "y", "t" })
    {
        string? match = values.FirstOrDefault(v => v.Trim().Equals(conventional, StringComparison.OrdinalIgnoreCase));
        if (match != null) return match;
    }
    return values.OrderBy(v => v, StringComparer.Ordinal).Last();
}
