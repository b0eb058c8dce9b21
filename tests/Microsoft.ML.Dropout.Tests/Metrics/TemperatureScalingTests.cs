using Microsoft.ML.Dropout.Metrics;

namespace Microsoft.ML.Dropout.Tests.Metrics;

public class TemperatureScalingTests
{
    [Fact]
    public void Fit_BinaryLogitsOfCalibratedModelTimesThree_RecoversThreeAndLowersNllAndEce()
    {
        var (p, y) = CalibrationTests.CalibratedBinary(100_000, seed: 17);
        float[] logits = p.Select(q => (float)(3 * CalibrationTests.Logit(Math.Clamp(q, 1e-6, 1 - 1e-6)))).ToArray();

        var fit = TemperatureScaling.FitWithReport(logits, y);

        Assert.InRange(fit.Temperature, 2.85, 3.15);
        Assert.True(fit.NllAfter < fit.NllBefore, $"{fit.NllAfter} < {fit.NllBefore}");
        Assert.False(fit.AtBound);
        double eceBefore = Calibration.Binary(logits.Select(z => (float)CalibrationTests.Sigmoid(z)).ToArray(), y).Ece;
        double eceAfter = Calibration.Binary(logits.Select(z => (float)CalibrationTests.Sigmoid(z / fit.Temperature)).ToArray(), y).Ece;
        Assert.True(eceBefore > 0.1, $"ECE before {eceBefore}");
        Assert.True(eceAfter < 0.01, $"ECE after {eceAfter}");
        Assert.Equal(fit.Temperature, TemperatureScaling.Fit(logits, y), 12);
    }

    [Fact]
    public void Fit_MulticlassLogitsTimesThree_RecoversThreeAndLowersNllAndEce()
    {
        const int n = 30_000, k = 4;
        var (logits, labels) = CalibrationTests.CalibratedMulticlass(n, k, seed: 23);
        float[] sharp = logits.Select(z => 3 * z).ToArray();

        var fit = TemperatureScaling.FitWithReport(sharp, n, k, labels);

        Assert.InRange(fit.Temperature, 2.85, 3.15);
        Assert.True(fit.NllAfter < fit.NllBefore);
        double eceBefore = Calibration.Multiclass(CalibrationTests.Softmax(sharp, k, 1), n, k, labels).Ece;
        double eceAfter = Calibration.Multiclass(CalibrationTests.Softmax(sharp, k, fit.Temperature), n, k, labels).Ece;
        Assert.True(eceAfter < eceBefore / 5, $"ECE {eceBefore} → {eceAfter}");
    }

    [Fact]
    public void Fit_CalibratedLogits_KeepsTemperatureNearOne()
    {
        const int n = 30_000, k = 3;
        var (logits, labels) = CalibrationTests.CalibratedMulticlass(n, k, seed: 29);

        double t = TemperatureScaling.Fit(logits, n, k, labels);

        Assert.InRange(t, 0.95, 1.05);
    }

    [Fact]
    public void NegativeLogLikelihood_TinyInputs_MatchHandComputedValues()
    {
        // Binary, logits (0, 2), labels (1, 0), T = 2: s = (0, 1) → softplus(0) − 0 = ln 2; softplus(1) = ln(1 + e).
        double binary = TemperatureScaling.NegativeLogLikelihood(new[] { 0f, 2f }, 2, 1, new[] { 1, 0 }, temperature: 2);
        Assert.Equal((Math.Log(2) + Math.Log(1 + Math.E)) / 2, binary, 12);

        // Multiclass, one row (1, 2, 3), label 0: ln(e + e² + e³) − 1.
        double multiclass = TemperatureScaling.NegativeLogLikelihood(new[] { 1f, 2f, 3f }, 1, 3, new[] { 0 });
        Assert.Equal(Math.Log(Math.E + Math.Exp(2) + Math.Exp(3)) - 1, multiclass, 12);
    }

    [Fact]
    public void FitWithReport_SeparableData_StopsAtTheLowerBound()
    {
        float[] logits = { -3f, -1f, 1f, 4f };
        bool[] labels = { false, false, true, true };

        var fit = TemperatureScaling.FitWithReport(logits, labels, minTemperature: 0.1, maxTemperature: 10);

        Assert.True(fit.AtBound);
        Assert.Equal(0.1, fit.Temperature, 6);
        Assert.True(fit.Separated);
        Assert.Equal(4, fit.Rows);
        Assert.StartsWith("the temperature was left at 1: the model's logits put all 4 held-out rows on their own label's side", fit.NotAppliedReason);
        Assert.Contains("T = 0.1)", fit.NotAppliedReason);
    }

    [Fact]
    public void FitWithReport_OneRowOnTheWrongSide_IsNotSeparatedAndCanBeApplied()
    {
        float[] logits = { -3f, -1f, 1f, 4f, 0.5f };
        bool[] labels = { false, false, true, true, false };

        var fit = TemperatureScaling.FitWithReport(logits, labels);

        Assert.False(fit.AtBound);
        Assert.False(fit.Separated);
        Assert.Null(fit.NotAppliedReason);
        Assert.Equal(5, fit.Rows);
    }

    [Fact]
    public void FitWithReport_UpperBound_IsNotSeparated()
    {
        // Logits that point the wrong way: the likelihood prefers T → ∞ (uniform probabilities), which is safe to apply.
        var fit = TemperatureScaling.FitWithReport(new[] { 2f, -2f }, new[] { false, true }, minTemperature: 0.1, maxTemperature: 10);

        Assert.True(fit.AtBound);
        Assert.Equal(10, fit.Temperature, 6);
        Assert.False(fit.Separated);
    }

    [Fact]
    public void Fit_MaxNotAboveMin_ThrowsWithOptionMessage()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TemperatureScaling.Fit(new[] { 1f }, new[] { true }, 2, 2));

        Assert.StartsWith("Invalid value for option 'maxTemperature': expected a value > minTemperature = 2. Received: 2.", e.Message);
    }
}
