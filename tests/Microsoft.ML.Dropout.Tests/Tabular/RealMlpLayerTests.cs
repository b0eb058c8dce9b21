using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Tests.Export;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Tabular;

[Collection("Sequential")]
public class RealMlpLayerTests
{
    [Fact]
    public void FrontScale_AtInitialisation_IsIdentityAndScalesPerFeature()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        using var layer = new FrontScale(3);
        using var x = tensor(new[] { 1f, -2f, 3f, 4f, 5f, -6f }, new long[] { 2, 3 });
        using var same = layer.forward(x);
        Assert.Equal(x.data<float>().ToArray(), same.data<float>().ToArray());
        using (no_grad())
            layer.Weight.copy_(tensor(new[] { 0f, 2f, -1f }));
        using var scaled = layer.forward(x);
        Assert.Equal(new[] { 0f, -4f, -3f, 0f, 10f, 6f }, scaled.data<float>().ToArray());
    }

    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Selu)]
    [InlineData(Activation.Gelu)]
    [InlineData(Activation.Silu)]
    public void ParametricActivation_AlphaOneIsTheActivationAlphaZeroIsIdentity(Activation activation)
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        using var layer = new ParametricActivation(2, activation);
        using var x = tensor(new[] { -1.5f, 0.7f, 2f, -0.2f }, new long[] { 2, 2 });
        using var f = activation switch
        {
            Activation.Relu => nn.functional.relu(x),
            Activation.Selu => nn.functional.selu(x),
            Activation.Gelu => nn.functional.gelu(x),
            _ => nn.functional.silu(x),
        };
        using var y = layer.forward(x);
        Assert.True(y.allclose(f));
        using (no_grad())
            layer.Weight.copy_(tensor(new[] { 0f, 0.5f }));
        using var mixed = layer.forward(x);
        float[] m = mixed.data<float>().ToArray(), xs = x.data<float>().ToArray(), fs = f.data<float>().ToArray();
        Assert.Equal(xs[0], m[0]);
        Assert.Equal(xs[1] + 0.5f * (fs[1] - xs[1]), m[1], 6);
    }

    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Selu)]
    [InlineData(Activation.Gelu)]
    [InlineData(Activation.Silu)]
    public void ParametricActivation_RandomRows_TorchManagedAndOnnxAgree(Activation activation)
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(1);
        using var layer = new ParametricActivation(6, activation);
        using (no_grad())
            layer.Weight.normal_(1, 0.5);
        TabularParity.AssertAgree(layer, layer.ToSnapshot("act"), TestSnapshots.Rows(40, 6, seed: 5, scale: 2), 40);
    }

    [Fact]
    public void FrontScale_RandomRows_TorchManagedAndOnnxAgree()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(2);
        using var layer = new FrontScale(6);
        using (no_grad())
            layer.Weight.normal_(1, 0.5);
        TabularParity.AssertAgree(layer, layer.ToSnapshot(), TestSnapshots.Rows(40, 6, seed: 6), 40);
    }
}
