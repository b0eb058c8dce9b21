namespace Microsoft.ML.Dropout.Tests.Core;

/// <summary>The dropout formulas shared by the modules, the managed evaluator and the ONNX MC-dropout writer.</summary>
public class DropoutMathTests
{
    [Theory]
    [InlineData(0.05)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void AlphaScaleAndShift_StandardInput_KeepMeanZeroAndVarianceOne(double p)
    {
        // x has mean 0 and variance 1; a kept unit (probability 1 − p) stays x, a dropped one becomes α'.
        // E[x'] = p·α', Var[x'] = (1 − p)(1 + p·α'²); a·x' + b must have mean 0 and variance 1.
        double a = DropoutMath.AlphaScale(p), b = DropoutMath.AlphaShift(p), s = DropoutMath.AlphaSaturation;
        Assert.Equal(0, a * p * s + b, 12);
        Assert.Equal(1, a * a * (1 - p) * (1 + p * s * s), 12);
    }

    [Fact]
    public void AlphaSaturation_IsMinusSeluScaleTimesAlpha()
    {
        Assert.Equal(-1.7580993408473766, DropoutMath.AlphaSaturation, 15);
        Assert.Equal(-ActivationMath.SeluScale * ActivationMath.SeluAlpha, DropoutMath.AlphaSaturation);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.6)]
    public void GaussianStd_MatchesTheVarianceOfTheInvertedBernoulliMask(double p)
    {
        // The inverted mask r/(1 − p), r ~ Bernoulli(1 − p), has mean 1 and variance p/(1 − p).
        double scale = DropoutMath.InvertedScale(p);
        double maskVariance = (1 - p) * scale * scale - 1;
        Assert.Equal(1, (1 - p) * scale, 12);
        Assert.Equal(maskVariance, DropoutMath.GaussianStd(p) * DropoutMath.GaussianStd(p), 12);
    }
}
