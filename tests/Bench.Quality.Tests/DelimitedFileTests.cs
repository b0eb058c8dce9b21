using Microsoft.ML.Dropout;
using Microsoft.ML;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Bench.Quality.Suite;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality.Tests;

public sealed class DelimitedFileTests : IDisposable
{
    private readonly TemporaryFolder _temporary = new("suite-data-");

    private string Root => _temporary.Path;

    public void Dispose() => _temporary.Dispose();

    /// <summary>An R write.csv export: text quoted (one with a comma inside), an empty numeric field, label last.</summary>
    private void WriteRCsv()
    {
        Directory.CreateDirectory(Path.Combine(Root, "toy"));
        File.WriteAllLines(Path.Combine(Root, "toy", "toy.csv"), new[]
        {
            "\"Age\",\"Kind\",\"Income\",\"Status\"",
            "30,\"Young, urban\",100,\"bad\"",
            "40,\"rural\",,\"good\"",
            "50,\"Young, urban\",300,\"good\"",
            "60,\"\",200,\"bad\"",
        });
    }

    [Fact]
    public void FromRCsv_QuotedColumns_AreTextAndTheLabelIsLeftOut()
    {
        WriteRCsv();
        var file = DelimitedFile.FromRCsv(Root, "toy", "toy.csv", "Status", TaskKind.BinaryClassification, out string missing, "bad");

        Assert.Equal("", missing);
        Assert.Equal(new[] { ("Age", false), ("Kind", true), ("Income", false) }, file!.Columns.Select(c => (c.Name, c.IsText)));
        Assert.Equal(3, file.LabelIndex);
    }

    [Fact]
    public void Load_RCsv_MapsThePositiveLabelAndImputesTheMissingNumeric()
    {
        WriteRCsv();
        var ml = new MLContext(0);
        var file = DelimitedFile.FromRCsv(Root, "toy", "toy.csv", "Status", TaskKind.BinaryClassification, out _, "bad")!;
        var data = file.Load(ml, Root, "all rows");
        var (train, test) = (data.All!, data.All!);

        var featurized = TrainingDataReader.Read(data.Featurize(ml, "toy", train, test, NumericScaling.None).Train);

        Assert.Equal(4, data.Rows);
        Assert.Equal(new[] { 1f, 0f, 0f, 1f }, featurized.Labels);
        // Age, Income (NaN → training mean 200), then the one-hot of Kind ("Young, urban", "rural"; empty = all zeros).
        Assert.Equal(4, featurized.FeatureCount);
        Assert.Equal(new[] { 40f, 200f, 0f, 1f }, featurized.Features.AsSpan(4, 4).ToArray());
        Assert.Equal(new[] { 60f, 200f, 0f, 0f }, featurized.Features.AsSpan(12, 4).ToArray());
    }

    /// <summary>Six rows, two of them (the 2nd and the 5th) without a target value: an empty field.</summary>
    private void WriteUnlabeledRows(string folder, string header, string[] targets)
    {
        Directory.CreateDirectory(Path.Combine(Root, folder));
        File.WriteAllLines(Path.Combine(Root, folder, folder + ".csv"),
            new[] { header }.Concat(targets.Select((t, i) => $"{10 * (i + 1)},{t}")));
    }

    [Theory]
    [InlineData(TaskKind.BinaryClassification, "\"bad\"", "bad")]
    [InlineData(TaskKind.MulticlassClassification, "\"a\"", null)]
    [InlineData(TaskKind.Regression, "1.5", null)]
    public void Load_RowsWithoutATarget_AreLeftOutOfBothPartsAndCounted(TaskKind task, string value, string? positive)
    {
        string other = task == TaskKind.Regression ? "2.5" : task == TaskKind.BinaryClassification ? "\"good\"" : "\"b\"";
        string[] targets = [value, "", other, value, "", other];
        WriteUnlabeledRows("gaps", "\"x\",\"y\"", targets);
        var ml = new MLContext(0);
        var file = DelimitedFile.FromRCsv(Root, "gaps", "gaps.csv", "y", task, out _, positive)!;

        var data = file.Load(ml, Root, "all rows");
        Assert.Equal(4, data.Rows);
        Assert.Equal("all rows", data.SplitNote);
        Assert.Equal(new[] { "2 row(s) without a target value (an empty field) left out" }, data.DataNotes);
        var featurized = TrainingDataReader.Read(data.Featurize(ml, "gaps", data.All!, data.All!, NumericScaling.None).Train);
        Assert.Equal(new[] { 10f, 30f, 40f, 60f }, featurized.Features);

        // The official split cuts the file's rows first (rows 1–3 train), then leaves the unlabeled ones out of each part.
        var official = (file with { OfficialTrainRows = 3 }).Load(ml, Root, "official");
        var (train, test) = official.Official!.Value;
        var parts = data.Featurize(ml, "gaps", train, test, NumericScaling.None);
        Assert.Equal(new[] { 10f, 30f }, TrainingDataReader.Read(parts.Train).Features);
        Assert.Equal(new[] { 40f, 60f }, TrainingDataReader.Read(parts.Test).Features);
    }

    [Fact]
    public void Load_EveryTargetPresent_NoteUnchanged()
    {
        WriteRCsv();
        var data = DelimitedFile.FromRCsv(Root, "toy", "toy.csv", "Status", TaskKind.BinaryClassification, out _, "bad")!.Load(new MLContext(0), Root, "all rows");
        Assert.Equal("all rows", data.SplitNote);
        Assert.Empty(data.DataNotes);
    }

    [Fact]
    public void FromRCsv_UnquotedLogicalColumn_IsCategoricalAndSaidInTheNote()
    {
        // R's write.csv writes a logical column unquoted; read as a number it would be all NaN, the feature lost.
        Directory.CreateDirectory(Path.Combine(Root, "logic"));
        File.WriteAllLines(Path.Combine(Root, "logic", "logic.csv"), new[]
        {
            "\"x\",\"flag\",\"y\"",
            "1.5,TRUE,\"yes\"",
            "NA,FALSE,\"no\"",
            "Inf,,\"no\"",
            "2,TRUE,\"yes\"",
        });
        var ml = new MLContext(0);
        var file = DelimitedFile.FromRCsv(Root, "logic", "logic.csv", "y", TaskKind.BinaryClassification, out _, "yes")!;

        Assert.Equal(new[] { ("x", false), ("flag", true) }, file.Columns.Select(c => (c.Name, c.IsText)));
        var data = file.Load(ml, Root, "all rows");
        Assert.Equal(new[] { "'x': 2 field(s) NA/NaN/Inf read as missing", "'flag' read as categorical (unquoted values that are not numbers, e.g. 'TRUE')" },
            data.DataNotes);
        var featurized = TrainingDataReader.Read(data.Featurize(ml, "logic", data.All!, data.All!, NumericScaling.None).Train);
        // x (NA and Inf → missing → the mean 1.75), then flag one-hot (TRUE, FALSE; empty = all zeros).
        Assert.Equal(new[] { 1.5f, 1, 0, 1.75f, 0, 1, 1.75f, 0, 0, 2, 1, 0 }, featurized.Features);
    }

    [Fact]
    public void FromRCsv_FeatureNamedLikeTheSuitesOwnColumns_IsRenamedAndDoesNotBecomeTheTarget()
    {
        Directory.CreateDirectory(Path.Combine(Root, "names"));
        File.WriteAllLines(Path.Combine(Root, "names", "names.csv"), new[]
        {
            "\"Label\",\"Features\",\"k\",\"kOneHot\",\"target\"",
            "1,10,\"a\",5,100",
            "2,20,\"b\",6,200",
            "3,30,\"a\",7,300",
        });
        var ml = new MLContext(0);
        var file = DelimitedFile.FromRCsv(Root, "names", "names.csv", "target", TaskKind.Regression, out _)!;

        Assert.Equal(new[] { "Label (column 1)", "Features (column 2)", "k (column 3)", "kOneHot" }, file.Columns.Select(c => c.Name));
        var data = file.Load(ml, Root, "all rows");
        Assert.Equal(new[]
        {
            "'Label' read as 'Label (column 1)' (the suite uses that name itself)",
            "'Features' read as 'Features (column 2)' (the suite uses that name itself)",
            "'k' read as 'k (column 3)' (its one-hot output would have hidden the column 'kOneHot')",
        }, data.DataNotes);
        var featurized = TrainingDataReader.Read(data.Featurize(ml, "names", data.All!, data.All!, NumericScaling.None).Train);
        Assert.Equal(new[] { 100f, 200f, 300f }, featurized.Labels);
        // Label, Features, kOneHot (numeric), then k's one-hot.
        Assert.Equal(new[] { 1f, 10, 5, 1, 0 }, featurized.Features.AsSpan(0, 5).ToArray());
    }

    [Fact]
    public void FromRCsv_MissingFolder_SaysWhichDatasetAndFolder()
    {
        var file = DelimitedFile.FromRCsv(Root, "absent", "absent.csv", "y", TaskKind.Regression, out string missing);

        Assert.Null(file);
        Assert.Equal($"dataset 'absent' not found: no folder {Path.Combine(Root, "absent")}", missing);
    }
}
