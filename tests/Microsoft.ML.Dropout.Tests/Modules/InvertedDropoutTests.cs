using Microsoft.ML.Dropout.Modules;
using Microsoft.ML.Dropout.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Modules;

[Collection("Sequential")]
public class InvertedDropoutTests
{
    public InvertedDropoutTests() => TorchRuntime.EnsureLoaded(threads: 2);

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    public void Forward_TrainModeOnOnes_KeepsMeanAndDropsFractionP(double p)
    {
        manual_seed(11);
        using var module = new InvertedDropout(p);
        module.train();
        using var x = ones(100_000);
        using var y = module.forward(x);
        double mean = y.mean().item<float>();
        double zeroFraction = y.eq(0).sum().item<long>() / 100_000.0;
        Assert.InRange(mean, 0.98, 1.02);
        Assert.InRange(zeroFraction, p - 0.01, p + 0.01);
        // Survivors are scaled by exactly 1/(1−p).
        using var kept = y.masked_select(y.ne(0));
        Assert.True(kept.allclose(full_like(kept, 1 / (1 - p)), rtol: 1e-6, atol: 1e-6));
    }

    [Fact]
    public void Forward_SameSeed_SameMask_OtherSeed_OtherMask()
    {
        using var module = new InvertedDropout(0.3);
        module.train();
        using var x = ones(10_000);
        manual_seed(3);
        using var first = module.forward(x);
        manual_seed(3);
        using var again = module.forward(x);
        manual_seed(4);
        using var other = module.forward(x);
        Assert.True(TensorAssert.Identical(first, again));
        Assert.False(TensorAssert.Identical(first, other));
    }

    [Fact]
    public void Backward_TrainMode_GradientIsZeroForDroppedAndInverseKeepForKept()
    {
        manual_seed(5);
        const double p = 0.4;
        using var module = new InvertedDropout(p);
        module.train();
        using var x = ones(new long[] { 20_000 }, requires_grad: true);
        using var y = module.forward(x);
        y.sum().backward();
        using var grad = x.grad!;
        using var dropped = y.eq(0);
        Assert.True(grad.masked_select(dropped).eq(0).all().item<bool>());
        using var keptGrad = grad.masked_select(dropped.logical_not());
        Assert.True(keptGrad.allclose(full_like(keptGrad, 1 / (1 - p)), rtol: 1e-6, atol: 1e-6));
        Assert.True(keptGrad.numel() > 0);
    }

    [Fact]
    public void Rate_ChangedBetweenPasses_TakesEffectOnNextForward()
    {
        manual_seed(7);
        using var module = new InvertedDropout(0.5);
        module.train();
        using var x = ones(10_000);
        module.Rate = 0;
        using var y0 = module.forward(x);
        Assert.True(TensorAssert.Identical(y0, x));
        module.Rate = 0.2;
        using var y1 = module.forward(x);
        double zeroFraction = y1.eq(0).sum().item<long>() / 10_000.0;
        Assert.InRange(zeroFraction, 0.17, 0.23);
    }
}
