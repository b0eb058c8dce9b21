using Microsoft.ML.Dropout.Modules;
using Microsoft.ML.Dropout.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Modules;

[Collection("Sequential")]
public class GaussianDropoutTests
{
    public GaussianDropoutTests() => TorchRuntime.EnsureLoaded(threads: 2);

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    public void Forward_TrainModeOnOnes_NoiseHasMeanOneAndVarianceMatchingBernoulli(double p)
    {
        manual_seed(21);
        using var module = new GaussianDropout(p);
        module.train();
        using var x = ones(100_000);
        using var y = module.forward(x);
        double mean = y.mean().item<float>();
        double variance = y.var().item<float>();
        double expected = p / (1 - p);
        Assert.InRange(mean, 0.98, 1.02);
        Assert.InRange(variance, expected * 0.95, expected * 1.05);
    }
}
