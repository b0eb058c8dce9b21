using Microsoft.ML.Dropout.Modules;
using Microsoft.ML.Dropout.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Modules;

[Collection("Sequential")]
public class VariationalDropoutTests
{
    public VariationalDropoutTests() => TorchRuntime.EnsureLoaded(threads: 2);

    [Fact]
    public void Forward_TrainMode_SharesOneMaskAcrossAllTimeSteps()
    {
        manual_seed(61);
        const double p = 0.5;
        using var module = new VariationalDropout(p);
        module.train();
        using var x = ones(200, 12, 16);
        using var y = module.forward(x);
        using var first = y.select(1, 0);
        for (int t = 1; t < 12; t++)
        {
            using var step = y.select(1, t);
            Assert.True(TensorAssert.Identical(step, first));
        }
        double zeroFraction = first.eq(0).sum().item<long>() / (double)first.numel();
        Assert.InRange(zeroFraction, p - 0.03, p + 0.03);
        Assert.InRange(y.mean().item<float>(), 0.95, 1.05);
    }

    [Fact]
    public void Forward_TrainMode_DrawsDifferentMasksForDifferentSequences()
    {
        manual_seed(62);
        using var module = new VariationalDropout(0.5);
        module.train();
        using var x = ones(2, 5, 64);
        using var y = module.forward(x);
        Assert.False(TensorAssert.Identical(y.select(0, 0), y.select(0, 1)));
    }
}
