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

    [Fact]
    public void FromRCsv_MissingFolder_SaysWhichDatasetAndFolder()
    {
        var file = DelimitedFile.FromRCsv(Root, "absent", "absent.csv", "y", TaskKind.Regression, out string missing);

        Assert.Null(file);
        Assert.Equal($"dataset 'absent' not found: no folder {Path.Combine(Root, "absent")}", missing);
    }
}
