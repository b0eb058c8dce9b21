using Microsoft.ML.Data;
namespace Microsoft.ML.Dropout.Estimators.Tests.Calibration;

[Collection("Sequential")]
public class CalibrateTemperatureTests
{
    [Fact]
    public void BinaryTrainer_DefaultOptions_FitsTheTemperatureOnValidationPartsOfAtLeast100Rows()
    {
        var ml = new MLContext(seed: 1);
        var data = TestModels.FeaturizedBinary(ml, rows: 1100);     // 10% validation: about 110 rows
        var small = TestModels.FeaturizedBinary(ml, rows: 400);     // about 40
        var options = TestModels.BinaryOptions();
        options.MaxEpochs = 3;
        Assert.Null(options.CalibrateWithTemperature);

        var model = ml.BinaryClassification.Trainers.RegularizedMlp(options).Fit(data);
        var smallModel = ml.BinaryClassification.Trainers.RegularizedMlp(options).Fit(small);

        var fit = Assert.IsType<Metrics.TemperatureScalingResult>(model.Model.TemperatureScaling);
        Assert.True(fit.Rows >= 100, $"{fit.Rows} validation rows");
        Assert.Equal(fit.Temperature, model.Model.Snapshot.Temperature);
        Assert.NotEqual(1.0, model.Model.Snapshot.Temperature);
        Assert.Null(smallModel.Model.TemperatureScaling);
        Assert.Equal(1.0, smallModel.Model.Snapshot.Temperature);
    }

    [Fact]
    public void CalibrateTemperature_EveryCalibrationRowCorrect_KeepsTemperatureOneAndWarns()
    {
        var ml = new MLContext(seed: 1);
        var featurize = SyntheticData.Featurize(ml).Fit(TestModels.BinaryData(ml, seed: 11));
        var model = ml.BinaryClassification.Trainers.RegularizedMlp(TestModels.BinaryOptions()).Fit(featurize.Transform(TestModels.BinaryData(ml, seed: 11)));
        // Calibration rows: only those the model classifies correctly, so their likelihood rises without limit as T → 0.
        var candidates = SyntheticData.Binary(300, 21).ToList();
        var scored = model.Transform(featurize.Transform(ml.Data.LoadFromEnumerable(candidates)));
        bool[] predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
        var correct = candidates.Where((row, i) => predicted[i] == row.Label).ToList();
        Assert.True(correct.Count > 100, $"precondition: {correct.Count} correctly classified rows");
        var calibration = featurize.Transform(ml.Data.LoadFromEnumerable(correct));

        var calibrated = model.CalibrateTemperature(calibration);

        var fit = Assert.IsType<Metrics.TemperatureScalingResult>(calibrated.Model.TemperatureScaling);
        Assert.True(fit.Separated, $"T = {fit.Temperature}");
        Assert.Equal(1.0, calibrated.Model.Snapshot.Temperature);
        Assert.Contains(calibrated.Model.Warnings, w => w.StartsWith($"CalibrateTemperature: the temperature was left at 1: the model's logits put all {correct.Count} held-out rows", StringComparison.Ordinal));
        var before = ml.BinaryClassification.Evaluate(model.Transform(calibration));
        var after = ml.BinaryClassification.Evaluate(calibrated.Transform(calibration));
        Assert.Equal(before.LogLoss, after.LogLoss, 6); // the probabilities are unchanged
    }

    [Fact]
    public void CalibrateTemperature_TrainedBinaryModel_LowersCalibrationNllAndSurvivesSaveLoad()
    {
        var ml = new MLContext(seed: 1);
        var featurize = SyntheticData.Featurize(ml).Fit(TestModels.BinaryData(ml, seed: 11));
        var train = featurize.Transform(TestModels.BinaryData(ml, seed: 11));
        var calibration = featurize.Transform(TestModels.BinaryData(ml, rows: 300, seed: 21));
        // Unregularized and trained long: over-confident.
        var options = TestModels.BinaryOptions();
        options.DropoutRate = 0;
        options.WeightDecay = 0;
        options.MaxEpochs = 40;
        options.HiddenLayers = new[] { 64, 64 };
        var model = ml.BinaryClassification.Trainers.RegularizedMlp(options).Fit(train);

        var calibrated = model.CalibrateTemperature(calibration);

        var fit = Assert.IsType<Metrics.TemperatureScalingResult>(calibrated.Model.TemperatureScaling);
        Assert.Equal(fit.Temperature, calibrated.Model.Snapshot.Temperature);
        Assert.Null(model.Model.TemperatureScaling); // the original is unchanged
        Assert.True(fit.NllAfter <= fit.NllBefore);
        var before = ml.BinaryClassification.Evaluate(model.Transform(calibration));
        var after = ml.BinaryClassification.Evaluate(calibrated.Transform(calibration));
        Assert.True(after.LogLoss < before.LogLoss, $"log-loss {before.LogLoss:0.0000} → {after.LogLoss:0.0000} (T = {fit.Temperature:0.000})");
        Assert.Equal(before.Accuracy, after.Accuracy, 6); // T does not move the decision boundary

        string path = Path.Combine(Path.GetTempPath(), $"calibrated-{Guid.NewGuid():N}.zip");
        ml.Model.Save(calibrated, calibration.Schema, path);
        var loaded = new MLContext().Model.Load(path, out _);
        File.Delete(path);
        var reloaded = ml.BinaryClassification.Evaluate(loaded.Transform(calibration));
        Assert.Equal(after.LogLoss, reloaded.LogLoss, 5);
    }

    [Fact]
    public void CalibrateTemperature_RegressionModel_ThrowsWithAlternative()
    {
        var ml = new MLContext(seed: 1);
        var data = SyntheticData.Featurize(ml).Fit(TestModels.RegressionData(ml)).Transform(TestModels.RegressionData(ml));
        var options = TestModels.RegressionOptions();
        options.MaxEpochs = 2;
        var model = ml.Regression.Trainers.RegularizedMlp(options).Fit(data);
        var ex = Assert.Throws<InvalidOperationException>(() => model.CalibrateTemperature(data));
        Assert.Equal("Temperature scaling calibrates class probabilities; this is a regression model. For regression uncertainty use mlContext.Transforms.McDropoutUncertainty.", ex.Message);
    }
}
