using Microsoft.ML.Dropout.Datasets;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Metrics;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Metrics;

[Collection("Sequential")]
public class TemperatureScalingTrainingTests
{
    [Fact]
    public void CalibrateWithTemperature_OverconfidentMlp_LowersHeldOutNllAndEce()
    {
        // An unregularized MLP trained to memorize 600 rows (last epoch kept, not the best) is over-confident on new rows.
        var all = SyntheticClassification.Generate(rows: 1800, features: 30, informative: 8, classes: 4, seed: 3);
        var train = all.Subset(Enumerable.Range(0, 600).ToArray());
        var valid = all.Subset(Enumerable.Range(600, 400).ToArray());
        var test = all.Subset(Enumerable.Range(1000, 800).ToArray());
        var options = new MlpClassificationOptions
        {
            MaxEpochs = 40, LearningRate = 3e-3,
            HiddenLayers = new[] { 64, 64 }, DropoutRate = 0,
            WeightDecay = 0, LabelSmoothing = 0, EarlyStoppingPatience = null, RestoreBestWeights = false, CalibrateWithTemperature = true,
            Seed = 1, NumberOfThreads = 1,
        };

        var result = new MlpTrainer(options, TrainingTask.Multiclass(4)).Fit(train, valid);

        var fit = Assert.IsType<TemperatureScalingResult>(result.TemperatureScaling);
        Assert.True(fit.Temperature > 1.05, $"an over-confident model should get T > 1; got {fit.Temperature}");
        Assert.Equal(fit.Temperature, result.Model.Temperature);
        Assert.True(fit.NllAfter < fit.NllBefore);

        float[] logits = SnapshotEvaluator.Forward(result.Model, test.Features, test.RowCount);
        int[] labels = test.Labels.Select(l => (int)l).ToArray();
        double nllBefore = TemperatureScaling.NegativeLogLikelihood(logits, test.RowCount, 4, labels, 1.0);
        double nllAfter = TemperatureScaling.NegativeLogLikelihood(logits, test.RowCount, 4, labels, fit.Temperature);
        var eceBefore = Calibration.Multiclass(SnapshotEvaluator.Softmax(logits, test.RowCount, 4, 1.0), test.RowCount, 4, labels).Ece;
        var eceAfter = Calibration.Multiclass(SnapshotEvaluator.Probabilities(result.Model, logits, test.RowCount), test.RowCount, 4, labels).Ece;

        Assert.True(nllAfter < nllBefore, $"held-out NLL should drop: {nllBefore:0.0000} → {nllAfter:0.0000}");
        Assert.True(eceAfter < eceBefore, $"held-out ECE should drop: {eceBefore:0.0000} → {eceAfter:0.0000}");
    }

    /// <summary>The label is the sign of the first feature, which stays at least 1 away from 0: a trained model classifies every row correctly.</summary>
    private static TrainingData Separable(int rows)
    {
        var rng = new Random(7);
        const int features = 3;
        var x = new float[rows * features];
        var y = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            bool positive = i % 2 == 0;
            x[i * features] = (float)((positive ? 1 : -1) * (1 + 2 * rng.NextDouble()));
            for (int j = 1; j < features; j++) x[i * features + j] = (float)rng.NextDouble();
            y[i] = positive ? 1 : 0;
        }
        return new TrainingData(x, rows, features, y);
    }

    [Fact]
    public void CalibrateWithTemperature_ValidationRowsAllSeparated_KeepsTemperatureOneInTheRefitAndWarns()
    {
        // Every validation row classified correctly: the validation likelihood rises without limit as T → 0.
        var options = new MlpClassificationOptions
        {
            HiddenLayers = new[] { 16 }, MaxEpochs = 30, LearningRate = 1e-2, ValidationFraction = 0.2,
            CalibrateWithTemperature = true, Seed = 1, NumberOfThreads = 1, // RefitOnAllRows stays on (the default)
        };

        var result = new MlpTrainer(options, TrainingTask.Binary).Fit(Separable(200));

        var fit = Assert.IsType<TemperatureScalingResult>(result.TemperatureScaling);
        Assert.True(fit.Separated, $"precondition: every validation row is separated (T = {fit.Temperature}, at bound {fit.AtBound})");
        Assert.NotNull(result.RefitEpochs);
        Assert.Equal(1.0, result.Model.Temperature);
        Assert.Contains(result.Warnings, w => w.StartsWith("CalibrateWithTemperature: the temperature was left at 1: the model's logits put all 40 held-out rows", StringComparison.Ordinal)
                                             && w.EndsWith("Raise ValidationFraction or pass a larger validation set to Fit.", StringComparison.Ordinal));
    }

    [Fact]
    public void CalibrateWithTemperatureByDefault_ValidationRowsAllSeparated_KeepsTemperatureOneWithoutWarning()
    {
        var options = new MlpClassificationOptions { HiddenLayers = new[] { 16 }, MaxEpochs = 30, LearningRate = 1e-2, Seed = 1, NumberOfThreads = 1 };

        var result = new MlpTrainer(options, TrainingTask.Binary).Fit(Separable(1100)); // 110 validation rows: the rule fits T

        var fit = Assert.IsType<TemperatureScalingResult>(result.TemperatureScaling);
        Assert.True(fit.Separated, $"precondition: every validation row is separated (T = {fit.Temperature})");
        Assert.Equal(1.0, result.Model.Temperature);
        Assert.DoesNotContain(result.Warnings, w => w.Contains("temperature", StringComparison.OrdinalIgnoreCase)); // not asked for: nothing to fix
    }

    [Theory]
    [InlineData(1100, true)]   // about 110 validation rows: at least Defaults.SmallValidationRows
    [InlineData(900, false)]   // about 90: below it
    public void CalibrateWithTemperatureByDefault_FitsOnlyWithEnoughValidationRows(int rows, bool fitted)
    {
        var data = SyntheticClassification.Generate(rows: rows, features: 6, informative: 3, classes: 3, seed: 4);
        var options = new MlpClassificationOptions { HiddenLayers = new[] { 16 }, MaxEpochs = 3, Seed = 1, NumberOfThreads = 1 };
        Assert.Null(options.CalibrateWithTemperature);

        var result = new MlpTrainer(options, TrainingTask.Multiclass(3)).Fit(data);

        Assert.Equal(fitted, result.TemperatureScaling is not null);
        if (fitted)
        {
            Assert.False(result.TemperatureScaling!.Separated);
            Assert.True(result.TemperatureScaling.Rows >= Defaults.SmallValidationRows, $"{result.TemperatureScaling.Rows} validation rows");
            Assert.NotEqual(1.0, result.Model.Temperature);
            Assert.Equal(result.TemperatureScaling.Temperature, result.Model.Temperature); // applied to the refit's model
        }
        else
            Assert.Equal(1.0, result.Model.Temperature);
    }

    [Fact]
    public void CalibrateWithTemperatureByDefault_NoValidationRows_TrainsWithoutOne()
    {
        var data = SyntheticClassification.Generate(rows: 1100, features: 6, informative: 3, classes: 2, seed: 4);
        var options = new MlpClassificationOptions { ValidationFraction = 0, HiddenLayers = new[] { 16 }, MaxEpochs = 3, NumberOfThreads = 1 };

        var result = new MlpTrainer(options, TrainingTask.Binary).Fit(data);

        Assert.Null(result.TemperatureScaling);
        Assert.Equal(1.0, result.Model.Temperature);
    }

    [Fact]
    public void CalibrateWithTemperatureFalse_EnoughValidationRows_NoTemperature()
    {
        var data = SyntheticClassification.Generate(rows: 1100, features: 6, informative: 3, classes: 3, seed: 4);
        var options = new MlpClassificationOptions { CalibrateWithTemperature = false, HiddenLayers = new[] { 16 }, MaxEpochs = 3, Seed = 1, NumberOfThreads = 1 };

        var result = new MlpTrainer(options, TrainingTask.Multiclass(3)).Fit(data);

        Assert.Null(result.TemperatureScaling);
        Assert.Equal(1.0, result.Model.Temperature);
    }

    [Fact]
    public void CalibrateWithTemperature_NoValidationRows_ThrowsWithFix()
    {
        var data = SyntheticClassification.Generate(rows: 64, features: 5, informative: 2, classes: 2, seed: 1);
        var options = new MlpClassificationOptions { ValidationFraction = 0, CalibrateWithTemperature = true, MaxEpochs = 3 };
        var ex = Assert.Throws<InvalidOperationException>(() => new MlpTrainer(options, TrainingTask.Multiclass(2)).Fit(data));
        Assert.Equal("CalibrateWithTemperature needs validation rows to fit the temperature on: pass a validation set to Fit or set ValidationFraction > 0 (e.g. 0.1).", ex.Message);
    }
}
