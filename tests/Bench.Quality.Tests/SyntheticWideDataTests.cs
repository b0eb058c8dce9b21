using Microsoft.ML;
using Microsoft.ML.Dropout;
using MLNetRegularization.Bench.Quality.Suite;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality.Tests;

/// <summary>The synthetic wide sets are what their README says, and the suite discovers and loads them.</summary>
public sealed class SyntheticWideDataTests : IDisposable
{
    private readonly TemporaryFolder _temporary = new("synthetic-wide-");

    private string Root => _temporary.Path;

    public void Dispose() => _temporary.Dispose();

    private (float[] Features, float[] Labels, int Columns) WriteAndLoad(SyntheticWideSet set)
    {
        var (csv, readme) = SyntheticWideData.Write(set);
        Directory.CreateDirectory(Path.Combine(Root, set.Folder));
        File.WriteAllText(Path.Combine(Root, set.Folder, set.Folder + ".csv"), csv);
        File.WriteAllText(Path.Combine(Root, set.Folder, "README.md"), readme);

        var found = Assert.Single(SuiteDatasets.Discover(Root, out var notes));
        Assert.Empty(notes);
        Assert.Equal(set.Task, found.Task);
        var ml = new MLContext(0);
        var (data, missing) = found.Load(ml, Root);
        Assert.Equal("", missing);
        Assert.Equal(set.Rows, data!.Rows);
        Assert.Empty(data.DataNotes);
        var read = TrainingDataReader.Read(data.Featurize(ml, set.Folder, data.All!, data.All!, NumericScaling.None).Train);
        return (read.Features, read.Labels, read.FeatureCount);
    }

    [Fact]
    public void Regression_TargetIsTheLinearSignalPlusHalfAStandardNormal()
    {
        var set = new SyntheticWideSet("toy-linear", TaskKind.Regression, 2_000, 9, WideSignal.Linear);
        var (x, y, columns) = WriteAndLoad(set);

        Assert.Equal(9, columns);
        var residuals = Enumerable.Range(0, set.Rows).Select(i => y[i] - (x[i * 9] + x[i * 9 + 1] + x[i * 9 + 2] + x[i * 9 + 3] + x[i * 9 + 4])).ToArray();
        double mean = residuals.Average(), sd = Math.Sqrt(residuals.Average(r => (r - mean) * (r - mean)));
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(sd, 0.46, 0.54);
        // A noise column is uncorrelated with the target: its mean product with y is near 0 (the signal's columns' is near 1).
        Assert.InRange(Enumerable.Range(0, set.Rows).Average(i => x[i * 9 + 7] * y[i]), -0.15, 0.15);
        Assert.InRange(Enumerable.Range(0, set.Rows).Average(i => x[i * 9] * y[i]), 0.85, 1.15);
    }

    [Fact]
    public void Binary_ClassesFollowTheNonlinearSignalAndTheReadmeCountsThem()
    {
        var set = new SyntheticWideSet("toy-binary", TaskKind.BinaryClassification, 2_000, 6, WideSignal.Nonlinear);
        var (x, y, _) = WriteAndLoad(set);

        int positives = y.Count(v => v == 1);
        Assert.Contains($"`no` {set.Rows - positives:N0}, `yes` {positives:N0}.", SyntheticWideData.Write(set).Readme);
        Assert.InRange(positives, 700, 1_300);
        // Without the noise the class would be the sign of signal − 0.8: most rows agree with it.
        int agree = Enumerable.Range(0, set.Rows).Count(i =>
        {
            var r = x.AsSpan(i * 6, 6);
            double signal = Math.Sin(2 * r[0]) + r[1] * r[2] + Math.Abs(r[3]) + r[4];
            return (signal > SyntheticWideData.BinaryThreshold) == (y[i] == 1);
        });
        Assert.InRange(agree, 0.8 * set.Rows, set.Rows);
    }

    [Fact]
    public void Write_SameSeedSameFiles() =>
        Assert.Equal(SyntheticWideData.Write(SyntheticWideData.All[0]), SyntheticWideData.Write(SyntheticWideData.All[0]));
}
