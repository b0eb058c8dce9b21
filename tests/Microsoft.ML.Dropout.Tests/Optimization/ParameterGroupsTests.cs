using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Optimization;
using TorchSharp;

namespace Microsoft.ML.Dropout.Tests.Optimization;

[Collection("Sequential")]
public class ParameterGroupsTests
{
    public ParameterGroupsTests() => TorchRuntime.EnsureLoaded(2);

    [Fact]
    public void Split_Default_DecaysOnlyWeightMatrices()
    {
        using var net = OptimizationTestNetwork.Create();
        var groups = ParameterGroups.Split(net.named_parameters());
        Assert.Equal(new[] { "hidden0.linear.weight", "output.weight" }, groups.Decayed.Select(p => p.Name));
        Assert.Equal(new[] { "hidden0.linear.bias", "hidden0.norm.weight", "hidden0.norm.bias", "output.bias" }, groups.NotDecayed.Select(p => p.Name));
    }

    [Fact]
    public void Split_DecayBiasAndNorm_DecaysEverything()
    {
        using var net = OptimizationTestNetwork.Create();
        var groups = ParameterGroups.Split(net.named_parameters(), decayBiasAndNorm: true);
        Assert.Equal(6, groups.Decayed.Count);
        Assert.Empty(groups.NotDecayed);
    }

    [Fact]
    public void IsWeightMatrix_TwoDimensionalNormParameter_IsNotDecayed()
    {
        using var p = new TorchSharp.Modules.Parameter(torch.ones(2, 2));
        Assert.False(ParameterGroups.IsWeightMatrix("block.batchnorm.weight", p));
        Assert.True(ParameterGroups.IsWeightMatrix("block.linear.weight", p));
    }
}
