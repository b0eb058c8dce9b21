using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>
/// Trains small models, saves model.zip plus rows.csv (features and the scores this process computed), then runs
/// samples/ScoreWithoutLibrary (which references only Microsoft.ML, OnnxTransformer and OnnxRuntime) as a
/// separate process and requires exit code 0. Set ESTIMATORS_SAMPLE_OUT to keep the files (e.g. for CI).
/// </summary>
[Collection("Sequential")]
public sealed class ScoreWithoutLibraryTests
{
    [Theory]
    [InlineData("binary")]
    [InlineData("multiclass")]
    [InlineData("regression")]
    [InlineData("binary-tabular")]
    [InlineData("multiclass-tabular")]
    [InlineData("regression-tabular")]
    public void SeparateProcess_LoadsSavedModel_ReproducesScores(string task)
    {
        var ml = new MLContext(0);
        IDataView raw;
        ITransformer model;
        // "-tabular": raw features (no normalizer) and Quantile + Periodic + EnsembleSize 32 inside the model.
        var concat = ml.Transforms.Concatenate("Features", SyntheticData.Inputs);
        switch (task)
        {
            case "binary-tabular":
                raw = TestModels.BinaryData(ml, 200);
                model = concat.Append(ml.BinaryClassification.Trainers.RegularizedMlp(Tabular.TabularTrainerTests.Tabular(TestModels.BinaryOptions()))).Fit(raw);
                break;
            case "multiclass-tabular":
            {
                var labelled = ml.Transforms.Conversion.MapValueToKey("Label").Fit(TestModels.MulticlassData(ml, 200)).Transform(TestModels.MulticlassData(ml, 200));
                raw = labelled;
                model = concat.Append(ml.MulticlassClassification.Trainers.RegularizedMlp(Tabular.TabularTrainerTests.Tabular(TestModels.MulticlassOptions()))).Fit(labelled);
                break;
            }
            case "regression-tabular":
                raw = TestModels.RegressionData(ml, 200);
                model = concat.Append(ml.Regression.Trainers.RegularizedMlp(Tabular.TabularTrainerTests.Tabular(TestModels.RegressionOptions()))).Fit(raw);
                break;
            case "binary":
                raw = TestModels.BinaryData(ml, 200);
                model = TestModels.BinaryPipeline(ml).Fit(raw);
                break;
            case "multiclass":
            {
                // The label mapping stays outside the saved chain: scoring rows carry no label.
                var labelled = ml.Transforms.Conversion.MapValueToKey("Label").Fit(TestModels.MulticlassData(ml, 200)).Transform(TestModels.MulticlassData(ml, 200));
                raw = labelled;
                model = SyntheticData.Featurize(ml).Append(ml.MulticlassClassification.Trainers.RegularizedMlp(TestModels.MulticlassOptions())).Fit(labelled);
                break;
            }
            default:
                raw = TestModels.RegressionData(ml, 200);
                model = TestModels.RegressionPipeline(ml).Fit(raw);
                break;
        }

        string dir = Environment.GetEnvironmentVariable("ESTIMATORS_SAMPLE_OUT") is { Length: > 0 } root
            ? Directory.CreateDirectory(Path.Combine(root, task)).FullName
            : Directory.CreateTempSubdirectory("score-without-library-").FullName;
        string modelPath = Path.Combine(dir, "model.zip");
        string rowsPath = Path.Combine(dir, "rows.csv");
        var inputSchema = ml.Data.LoadFromEnumerable(new[] { new FeatureInput() }).Schema;
        ml.Model.Save(model, inputSchema, modelPath);
        WriteRows(model.Transform(raw), rowsPath);

        var (exitCode, output) = RunSample(modelPath, rowsPath);
        Assert.True(exitCode == 0, output);
        Assert.Contains("0 mismatch(es)", output);
        if (Environment.GetEnvironmentVariable("ESTIMATORS_SAMPLE_OUT") is not { Length: > 0 })
            Directory.Delete(dir, recursive: true);
    }

    public sealed class FeatureInput
    {
        public float A { get; set; }
        public float B { get; set; }
        public float C { get; set; }
        public float D { get; set; }
    }

    private static void WriteRows(IDataView scored, string path)
    {
        var score = scored.Schema["Score"];
        var features = new[] { "A", "B", "C", "D" }.Select(n => scored.GetColumn<float>(n).ToArray()).ToArray();
        var scores = score.Type is VectorDataViewType
            ? scored.GetColumn<float[]>("Score").ToArray()
            : scored.GetColumn<float>("Score").Select(s => new[] { s }).ToArray();
        using var writer = new StreamWriter(path);
        writer.WriteLine("A,B,C,D," + string.Join(",", Enumerable.Range(0, scores[0].Length).Select(i => $"Expected{i}")));
        for (int r = 0; r < scores.Length; r++)
            writer.WriteLine(string.Join(",", features.Select(f => f[r].ToString("R", CultureInfo.InvariantCulture))
                .Concat(scores[r].Select(s => s.ToString("R", CultureInfo.InvariantCulture)))));
    }

    private static (int ExitCode, string Output) RunSample(string modelPath, string rowsPath)
    {
        // tests/Estimators.Tests/bin/<Configuration>/<tfm>/ → samples/ScoreWithoutLibrary/bin/<Configuration>/<tfm>/
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string tfm = baseDir.Name, configuration = baseDir.Parent!.Name;
        var repo = baseDir;
        while (repo != null && !File.Exists(Path.Combine(repo.FullName, "MLNetRegularization.sln")))
            repo = repo.Parent;
        Assert.NotNull(repo);
        string dll = Path.Combine(repo!.FullName, "samples", "ScoreWithoutLibrary", "bin", configuration, tfm, "ScoreWithoutLibrary.dll");
        Assert.True(File.Exists(dll), $"{dll} was not built");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, modelPath, rowsPath })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "ScoreWithoutLibrary did not finish within 60 s");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
