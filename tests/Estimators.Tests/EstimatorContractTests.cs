using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Tests;

[Collection("Sequential")]
public sealed class EstimatorContractTests
{
    public sealed class BinaryShape
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    public sealed class MulticlassShape
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        [KeyType(3)] public uint Label { get; set; }
    }

    public sealed class RegressionShape
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    public sealed class NoFeaturesShape
    {
        public float Other { get; set; }
        public bool Label { get; set; }
    }

    [Fact]
    public void BinaryTrainer_KeepsEstimatorContract()
    {
        var ml = new MLContext(0);
        var valid = TestModels.FeaturizedBinary(ml, 120);
        var invalid = TestModels.BinaryData(ml, 20);
        var shape = EstimatorContract.ShapeOf<BinaryShape>();
        Assert.Equal(new[] { "Features", "Label", "Score", "Probability", "PredictedLabel" },
            ml.BinaryClassification.Trainers.RegularizedMlp(TestModels.BinaryOptions()).GetOutputSchema(shape).Select(c => c.Name));
        EstimatorContract.Check(ml.BinaryClassification.Trainers.RegularizedMlp(TestModels.BinaryOptions()), valid, invalid, shape, EstimatorContract.ShapeOf<NoFeaturesShape>());
    }

    [Fact]
    public void MulticlassTrainer_KeepsEstimatorContract()
    {
        var ml = new MLContext(0);
        var raw = TestModels.MulticlassData(ml, 120);
        var valid = ml.Transforms.Conversion.MapValueToKey("Label").Append(SyntheticData.Featurize(ml)).Fit(raw).Transform(raw);
        EstimatorContract.Check(ml.MulticlassClassification.Trainers.RegularizedMlp(TestModels.MulticlassOptions()), valid, TestModels.FeaturizedBinary(ml, 20),
            EstimatorContract.ShapeOf<MulticlassShape>(), EstimatorContract.ShapeOf<BinaryShape>());
    }

    [Fact]
    public void RegressionTrainer_KeepsEstimatorContract()
    {
        var ml = new MLContext(0);
        var raw = TestModels.RegressionData(ml, 120);
        var valid = SyntheticData.Featurize(ml).Fit(raw).Transform(raw);
        EstimatorContract.Check(ml.Regression.Trainers.RegularizedMlp(TestModels.RegressionOptions()), valid, TestModels.FeaturizedBinary(ml, 20),
            EstimatorContract.ShapeOf<RegressionShape>(), EstimatorContract.ShapeOf<BinaryShape>());
    }

    [Fact]
    public void GetOutputSchema_MissingFeatures_ThrowsWithOurMessage()
    {
        var ml = new MLContext(0);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.RegularizedMlp().GetOutputSchema(EstimatorContract.ShapeOf<NoFeaturesShape>()));
        Assert.StartsWith("The input data has no feature column 'Features' (columns: 'Other', 'Label').", ex.Message);
    }
}
