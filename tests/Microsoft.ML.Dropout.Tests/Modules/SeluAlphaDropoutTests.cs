using Microsoft.ML.Dropout.Modules;
using Microsoft.ML.Dropout.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Modules;

[Collection("Sequential")]
public class SeluAlphaDropoutTests
{
    public SeluAlphaDropoutTests() => TorchRuntime.EnsureLoaded(threads: 2);

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.1)]
    [InlineData(0.2)]
    public void Forward_TrainModeOnSeluActivations_KeepsMeanZeroAndVarianceOne(double p)
    {
        manual_seed(31);
        using var module = new SeluAlphaDropout(p);
        module.train();
        using var z = randn(100_000);
        using var s = nn.functional.selu(z);
        using var y = module.forward(s);
        Assert.InRange(y.mean().item<float>(), -0.05, 0.05);
        Assert.InRange(y.var().item<float>(), 0.95, 1.05);
    }

    [Fact]
    public void Forward_TrainMode_EveryOutputIsAffineImageOfInputOrOfNegativeSaturation()
    {
        manual_seed(32);
        const double p = 0.2;
        double a = SeluAlphaDropout.Scale(p), b = SeluAlphaDropout.Shift(p);
        Assert.Equal(1.0 / Math.Sqrt((1 - p) * (1 + p * 1.7580993408473766 * 1.7580993408473766)), a, 12);
        Assert.Equal(-a * p * -1.7580993408473766, b, 12);
        using var module = new SeluAlphaDropout(p);
        module.train();
        using var x = randn(50_000);
        using var y = module.forward(x);
        using var keptImage = x.mul(a).add(b);
        double droppedValue = a * SeluAlphaDropout.NegativeSaturation + b;
        using var isKept = y.sub(keptImage).abs().lt(1e-5);
        using var isDropped = y.sub(droppedValue).abs().lt(1e-5);
        Assert.True(isKept.logical_or(isDropped).all().item<bool>());
        double droppedFraction = isDropped.logical_and(isKept.logical_not()).sum().item<long>() / 50_000.0;
        Assert.InRange(droppedFraction, p - 0.01, p + 0.01);
    }
}
