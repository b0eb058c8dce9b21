using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Tests.Calibration;

public class CalibrationCatalogTests
{
    private sealed class BinaryScored
    {
        public bool Label { get; set; }
        public float Probability { get; set; }
    }

    private sealed class Row
    {
        [VectorType(3)] public float[] Features { get; set; } = Array.Empty<float>();
        public string Label { get; set; } = "";
    }

    [Fact]
    public void BinaryEvaluateCalibration_HandComputedRows_MatchesFormulas()
    {
        var ml = new MLContext(seed: 1);
        // Top-label confidences 0.9, 0.8, 0.7, 0.6 (p = 0.9, 0.2, 0.7, 0.4); predicted 1,0,1,0; labels 1,0,0,1 → correct 1,1,0,0.
        var data = ml.Data.LoadFromEnumerable(new[]
        {
            new BinaryScored { Label = true, Probability = 0.9f },
            new BinaryScored { Label = false, Probability = 0.2f },
            new BinaryScored { Label = false, Probability = 0.7f },
            new BinaryScored { Label = true, Probability = 0.4f },
        });
        var m = ml.BinaryClassification.EvaluateCalibration(data, numberOfBins: 10);
        // Each confidence sits in its own bin: ECE = (|1−.9| + |1−.8| + |0−.7| + |0−.6|)/4 = 1.6/4 = 0.4; MCE = 0.7.
        Assert.Equal(0.4, m.Ece, 6);
        Assert.Equal(0.7, m.Mce, 6);
        // Brier = ((.1)² + (.2)² + (.7)² + (.6)²)/4 = (0.01 + 0.04 + 0.49 + 0.36)/4 = 0.225.
        Assert.Equal(0.225, m.Brier, 6);
        Assert.Equal(4, m.RowCount);
    }

    [Fact]
    public void BinaryEvaluateCalibration_ProbabilityOutOfRange_NamesColumnValueAndRow()
    {
        var ml = new MLContext(seed: 1);
        var rows = new[] { 0.9f, 1.5f }.Select(p => new BinaryScored { Label = true, Probability = p });
        var data = ml.Data.LoadFromEnumerable(rows);
        var error = Assert.Throws<InvalidOperationException>(() => ml.BinaryClassification.EvaluateCalibration(data));
        Assert.Equal("Column 'Probability' has value 1.5 at row 1; probabilities must be in [0, 1].", error.Message);
    }

    [Fact]
    public void EvaluateCalibration_OneBin_ThrowsNamingNumberOfBins()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new BinaryScored { Label = true, Probability = 0.9f } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.EvaluateCalibration(data, numberOfBins: 1));
        Assert.Equal("numberOfBins", error.ParamName);
    }

    [Fact]
    public void MulticlassEvaluateCalibration_BuiltInTrainerOutput_IsReadFromScoreAndKeyLabel()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(2);
        var rows = Enumerable.Range(0, 300).Select(_ =>
        {
            var f = new[] { (float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble() };
            return new Row { Features = f, Label = f[0] > 0.66f ? "high" : f[0] > 0.33f ? "mid" : "low" };
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Fit(data);
        var scored = model.Transform(data);

        var m = ml.MulticlassClassification.EvaluateCalibration(scored);
        var evaluation = ml.MulticlassClassification.Evaluate(scored);

        Assert.Equal(3, m.ClassCount);
        Assert.Equal(300, m.RowCount);
        Assert.Equal(evaluation.LogLoss, m.LogLoss, 4);
        Assert.Equal(evaluation.MicroAccuracy, m.Accuracy, 6);
        Assert.InRange(m.Ece, 0, 1);
    }

    [Fact]
    public void BinaryEvaluateCalibration_MissingProbabilityColumn_NamesColumnsPresent()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new BinaryScored { Label = true, Probability = 0.5f } });
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.EvaluateCalibration(data, probabilityColumnName: "Prob"));
        Assert.StartsWith("The scored data has no probability column 'Prob'; expected the Single probability column a calibrated binary trainer adds ('Probability'). Columns present: Label, Probability.", ex.Message);
    }

    [Fact]
    public void MulticlassEvaluateCalibration_LabelNotKey_SuggestsMapValueToKey()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new Row { Features = new float[3], Label = "a" } });
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.EvaluateCalibration(data, scoreColumnName: "Features"));
        Assert.StartsWith("Column 'Label' has type String; EvaluateCalibration expects a key-typed label. Add mlContext.Transforms.Conversion.MapValueToKey(\"Label\") before training.", ex.Message);
    }
}
