using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Estimators;

namespace Microsoft.ML.Dropout.Estimators.Tests.Reporting;

[Collection("Sequential")]
public class ReportDataTests
{
    [Fact]
    public void Binary_ScoredTestRows_CopiesLabelsAndProbabilitiesWithTheClassNames()
    {
        var ml = new MLContext(0);
        var data = TestModels.BinaryData(ml, 200);
        var scored = TestModels.BinaryPipeline(ml).Fit(data).Transform(data);

        var predictions = ReportData.Binary(scored, positiveClass: "A > 0", negativeClass: "A ≤ 0");

        Assert.Equal(scored.GetColumn<bool>("Label").ToArray(), predictions.Labels);
        Assert.Equal(scored.GetColumn<float>("Probability").Select(p => (double)p).ToArray(), predictions.Probabilities);
        Assert.Equal("A > 0", predictions.PositiveClass);
        Assert.Equal("A ≤ 0", predictions.NegativeClass);
    }

    [Fact]
    public void Multiclass_KeyLabels_BecomeZeroBasedIndicesNamedByTheKeyValues()
    {
        var ml = new MLContext(0);
        var data = TestModels.MulticlassData(ml, 200);
        var scored = TestModels.MulticlassPipeline(ml).Fit(data).Transform(data);

        var predictions = ReportData.Multiclass(scored);

        string[] raw = data.GetColumn<string>("Label").ToArray();
        Assert.Equal(raw.Distinct().OrderBy(v => v, StringComparer.Ordinal), predictions.ClassNames.OrderBy(v => v, StringComparer.Ordinal));
        Assert.Equal(raw, predictions.Actual.Select(i => predictions.ClassNames[i]).ToArray()); // index i names the row's own class
        Assert.Equal(scored.GetColumn<uint>("PredictedLabel").Select(k => (int)k - 1).ToArray(), predictions.Predicted);
    }

    [Fact]
    public void Regression_ScoredRows_CopiesLabelAndScoreNamedAfterTheLabel()
    {
        var ml = new MLContext(0);
        var data = TestModels.RegressionData(ml, 200);
        var scored = TestModels.RegressionPipeline(ml).Fit(data).Transform(data);

        var predictions = ReportData.Regression(scored);

        Assert.Equal(scored.GetColumn<float>("Label").Select(v => (double)v).ToArray(), predictions.Actual);
        Assert.Equal(scored.GetColumn<float>("Score").Select(v => (double)v).ToArray(), predictions.Predicted);
        Assert.Equal("Label", predictions.TargetName);
    }

    [Fact]
    public void Importance_BinaryPfi_TurnsTheAucChangeIntoADecreaseWithItsSpread()
    {
        var ml = new MLContext(0);
        var data = TestModels.FeaturizedBinary(ml);
        var transformer = ml.BinaryClassification.Trainers.RegularizedMlp(TestModels.BinaryOptions()).Fit(data);
        var pfi = ml.BinaryClassification.PermutationFeatureImportance(transformer, data, permutationCount: 3);
        string[] names = { "A", "B", "C", "D" };

        var importance = ReportData.Importance(pfi, names);

        Assert.Equal("AUC", importance.MetricName);
        Assert.Equal(names, importance.Features);
        Assert.Equal(pfi.Select(m => -m.AreaUnderRocCurve.Mean).ToArray(), importance.MeanDecrease);
        Assert.Equal(pfi.Select(m => m.AreaUnderRocCurve.StandardDeviation).ToArray(), importance.StandardDeviation);
        Assert.True(importance.MeanDecrease[0] > 0, "shuffling the informative feature A must lower the AUC");
    }

    [Fact]
    public void Binary_WrongColumnType_NamesTheColumnAndTheTypes()
    {
        var ml = new MLContext(0);
        var data = ml.Data.LoadFromEnumerable(new[] { new { Label = 1f, Probability = 0.5f } });
        var ex = Assert.Throws<ArgumentException>(() => ReportData.Binary(data));
        Assert.Contains("'Label'", ex.Message);
        Assert.Contains("Boolean", ex.Message);
    }
}
