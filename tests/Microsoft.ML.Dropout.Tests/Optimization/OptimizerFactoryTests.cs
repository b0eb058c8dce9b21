using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Optimization;

namespace Microsoft.ML.Dropout.Tests.Optimization;

[Collection("Sequential")]
public class OptimizerFactoryTests
{
    private const double Lr = 0.1, Wd = 0.5;

    public OptimizerFactoryTests() => TorchRuntime.EnsureLoaded(2);

    [Fact]
    public void AdamW_ZeroGradientStep_ShrinksWeightsByLrTimesDecayOnly()
    {
        using var net = OptimizationTestNetwork.Create();
        var before = OptimizationTestNetwork.Copy(net);
        using var opt = OptimizerFactory.Create(ParameterGroups.Split(net.named_parameters()), OptimizerKind.AdamW, Lr, Wd);
        OptimizationTestNetwork.ZeroGradients(net);
        opt.step();
        var after = OptimizationTestNetwork.Copy(net);
        foreach (var name in new[] { "hidden0.linear.weight", "output.weight" })
            for (int i = 0; i < before[name].Length; i++)
                Assert.Equal(before[name][i] * (1 - Lr * Wd), after[name][i], 6);
        foreach (var name in new[] { "hidden0.linear.bias", "hidden0.norm.weight", "hidden0.norm.bias", "output.bias" })
            Assert.Equal(before[name], after[name]);
    }

    [Fact]
    public void AdamW_DecayBiasAndNorm_ShrinksBiasesAndNormParametersToo()
    {
        using var net = OptimizationTestNetwork.Create();
        var before = OptimizationTestNetwork.Copy(net);
        using var opt = OptimizerFactory.Create(ParameterGroups.Split(net.named_parameters(), decayBiasAndNorm: true), OptimizerKind.AdamW, Lr, Wd);
        OptimizationTestNetwork.ZeroGradients(net);
        opt.step();
        var after = OptimizationTestNetwork.Copy(net);
        foreach (var name in before.Keys)
            for (int i = 0; i < before[name].Length; i++)
                Assert.Equal(before[name][i] * (1 - Lr * Wd), after[name][i], 6);
    }

    [Fact]
    public void AdamL2_ZeroGradientStep_MovesEachWeightByLrTowardZero()
    {
        // Coupled L2: the gradient becomes λw, and Adam's first step divides m̂ = λw by √v̂ = λ|w|, so each decayed
        // weight moves by ≈ lr·sign(w) whatever λ is (AdamW would move it by lr·λ·|w|). Biases/norm still get 0.
        using var net = OptimizationTestNetwork.Create();
        var before = OptimizationTestNetwork.Copy(net);
        using var opt = OptimizerFactory.Create(ParameterGroups.Split(net.named_parameters()), OptimizerKind.AdamL2, Lr, Wd);
        OptimizationTestNetwork.ZeroGradients(net);
        opt.step();
        var after = OptimizationTestNetwork.Copy(net);
        foreach (var name in new[] { "hidden0.linear.weight", "output.weight" })
            for (int i = 0; i < before[name].Length; i++)
            {
                float w = before[name][i];
                Assert.Equal(w - Lr * Math.Sign(w), after[name][i], 4);
                Assert.NotEqual(w * (1 - Lr * Wd), after[name][i], 3);
            }
        foreach (var name in new[] { "hidden0.linear.bias", "hidden0.norm.weight", "hidden0.norm.bias", "output.bias" })
            Assert.Equal(before[name], after[name]);
    }

    [Fact]
    public void SetLearningRate_AllGroups_ReadBack()
    {
        using var net = OptimizationTestNetwork.Create();
        using var opt = OptimizerFactory.Create(ParameterGroups.Split(net.named_parameters()), OptimizerKind.AdamW, Lr, Wd);
        OptimizerFactory.SetLearningRate(opt, 0.25);
        Assert.All(opt.ParamGroups, g => Assert.Equal(0.25, g.LearningRate));
        Assert.Equal(0.25, OptimizerFactory.GetLearningRate(opt));
    }
}
