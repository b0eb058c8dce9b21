using Microsoft.ML.Dropout.Modules;
using Microsoft.ML.Dropout.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Modules;

[Collection("Sequential")]
public class DropConnectLinearTests
{
    public DropConnectLinearTests() => TorchRuntime.EnsureLoaded(threads: 2);

    [Fact]
    public void ForwardWithMask_AnyMask_EqualsMaskedWeightsOverKeepPlusBias()
    {
        manual_seed(41);
        const double p = 0.3;
        using var layer = new DropConnectLinear(6, 4, p);
        using var x = randn(5, 6);
        using var mask = empty(4, 6).bernoulli_(1 - p);
        using var y = layer.ForwardWithMask(x, mask);
        using var expected = x.matmul(layer.weight.mul(mask).t()).div(1 - p).add(layer.bias);
        Assert.True(y.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Forward_TrainMode_MasksWeightsNotActivations()
    {
        manual_seed(42);
        const double p = 0.5;
        using var layer = new DropConnectLinear(100, 100, p);
        layer.train();
        using var x = randn(64, 100);
        using var y = layer.forward(x);
        // Activation dropout would zero whole outputs; DropConnect only removes some terms of each sum.
        Assert.Equal(0L, y.eq(0).sum().item<long>());
        using (var eval = nn.functional.linear(x, layer.weight, layer.bias))
            Assert.False(y.allclose(eval, rtol: 1e-3, atol: 1e-3));

        // The weight gradient is zero exactly where the weight was masked: a fraction ≈ p of the weights.
        y.sum().backward();
        using var grad = layer.weight.grad!;
        double zeroFraction = grad.eq(0).sum().item<long>() / (double)grad.numel();
        Assert.InRange(zeroFraction, p - 0.02, p + 0.02);
    }

    [Theory]
    [InlineData(0.2)] // not 0.5 alone: a mask drawn with 1 − keep instead of keep would pass there
    [InlineData(0.7)]
    public void Forward_TrainMode_MasksAFractionPOfTheWeights(double p)
    {
        manual_seed(43);
        using var layer = new DropConnectLinear(100, 100, p);
        layer.train();
        using var x = randn(64, 100);
        using var y = layer.forward(x);
        y.sum().backward();
        using var grad = layer.weight.grad!;
        double zeroFraction = grad.eq(0).sum().item<long>() / (double)grad.numel();
        Assert.InRange(zeroFraction, p - 0.02, p + 0.02);
    }

    [Fact]
    public void Forward_TrainMode_FreshWeightMaskEachCall_SameSeedSameMask()
    {
        manual_seed(44);
        using var layer = new DropConnectLinear(50, 50, 0.3);
        layer.train();
        using var x = randn(8, 50);
        manual_seed(7);
        using var first = layer.forward(x);
        using var second = layer.forward(x);
        manual_seed(7);
        using var again = layer.forward(x);
        Assert.False(first.allclose(second), "two calls drew the same weight mask");
        Assert.True(first.eq(again).all().item<bool>(), "the same seed drew another weight mask");
    }

    [Fact]
    public void Forward_EvalMode_IsThePlainLinearLayer()
    {
        manual_seed(43);
        using var layer = new DropConnectLinear(8, 3, 0.5);
        layer.eval();
        using var x = randn(10, 8);
        using var y = layer.forward(x);
        using var expected = nn.functional.linear(x, layer.weight, layer.bias);
        Assert.True(TensorAssert.Identical(y, expected));
    }

    [Fact]
    public void Constructor_SameSeed_InitialisesLikeTorchSharpLinear()
    {
        manual_seed(44);
        using var reference = nn.Linear(12, 7);
        manual_seed(44);
        using var layer = new DropConnectLinear(12, 7, 0.2);
        Assert.True(TensorAssert.Identical(layer.weight, reference.weight));
        Assert.True(TensorAssert.Identical(layer.bias, reference.bias!));
        Assert.Equal(new[] { "weight", "bias" }, layer.named_parameters().Select(np => np.name).ToArray());
    }
}
