using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Bench.Quality.Suite;

namespace MLNetRegularization.Bench.Quality.Tests;

public class SuiteScoreTests
{
    private static QualityResult Result(double? accuracy = null, double? auc = null, double? rmse = null) =>
        new("t", 1, 1) { Accuracy = accuracy, Auc = auc, Rmse = rmse };

    [Fact]
    public void DatasetD_Classification_IsHundredTimesTheMeanAccuracyDifference()
    {
        var dataset = SyntheticSuiteData.Dataset(TaskKind.MulticlassClassification);
        double d = SuiteScore.DatasetD(dataset, new[] { Result(0.80), Result(0.90) }, Result(0.86));
        Assert.Equal(-1.0, d, 10);
    }

    [Fact]
    public void DatasetD_ComparedByAuc_UsesAucNotAccuracy()
    {
        var dataset = SyntheticSuiteData.Dataset(TaskKind.BinaryClassification, comparedByAuc: true);
        double d = SuiteScore.DatasetD(dataset, new[] { Result(accuracy: 0.5, auc: 0.80) }, Result(accuracy: 0.9, auc: 0.75));
        Assert.Equal(5.0, d, 10);
    }

    [Fact]
    public void DatasetD_Regression_IsHundredTimesOneMinusTheRmseRatio()
    {
        var dataset = SyntheticSuiteData.Dataset(TaskKind.Regression);
        double d = SuiteScore.DatasetD(dataset, new[] { Result(rmse: 1.1), Result(rmse: 1.3) }, Result(rmse: 1.0));
        Assert.Equal(-20.0, d, 10);
    }

    [Fact]
    public void S_IsTheMeanOverDatasets()
    {
        var score = new SuiteScore("c", new Dictionary<string, double> { ["a"] = 2, ["b"] = -1, ["c"] = 5 }, Array.Empty<string>());
        Assert.Equal(2.0, score.S, 10);
    }

    [Theory]
    [InlineData(new[] { 0.800, 0.800 }, new[] { 0.796, 0.796 }, "tie")]   // +0.4 point: inside the 0.5-point band
    [InlineData(new[] { 0.800, 0.800 }, new[] { 0.790, 0.790 }, "win")]   // +1 point
    [InlineData(new[] { 0.780, 0.780 }, new[] { 0.790, 0.790 }, "loss")]  // −1 point
    [InlineData(new[] { 0.700, 0.900 }, new[] { 0.790, 0.790 }, "tie")]   // +1 point on average, but SE of the paired difference is 10 points
    public void Verdict_Classification_UsesTheHalfPointBandWidenedToOneStandardError(double[] ours, double[] lightGbm, string expected)
    {
        var comparison = new SuiteComparison(SyntheticSuiteData.Dataset(TaskKind.BinaryClassification),
            new RepeatedResult("ours", ours.Select(a => Result(a)).ToList()),
            new RepeatedResult("LightGBM", lightGbm.Select(a => Result(a)).ToList()));
        Assert.Equal(expected, comparison.Verdict);
    }

    [Theory]
    [InlineData(1.01, "tie")]
    [InlineData(1.05, "loss")]
    [InlineData(0.95, "win")]
    public void Verdict_Regression_UsesTheTwoPercentRmseBand(double ours, string expected)
    {
        var comparison = new SuiteComparison(SyntheticSuiteData.Dataset(TaskKind.Regression),
            new RepeatedResult("ours", new[] { Result(rmse: ours) }), new RepeatedResult("LightGBM", new[] { Result(rmse: 1.0) }));
        Assert.Equal(expected, comparison.Verdict);
    }
}
