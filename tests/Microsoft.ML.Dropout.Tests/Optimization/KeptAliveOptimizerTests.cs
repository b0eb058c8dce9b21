using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Optimization;

/// <summary>
/// The trainer's optimizers keep their scalars alive across the native calls (AdamMoments) and must update the
/// weights exactly as TorchSharp's AdamW / Adam do: same parameters, same gradients, same bits after several steps,
/// with and without weight decay.
/// </summary>
[Collection("Sequential")]
public class KeptAliveOptimizerTests
{
    [Theory]
    [InlineData(OptimizerKind.AdamW, 0.0)]
    [InlineData(OptimizerKind.AdamW, 0.05)]
    [InlineData(OptimizerKind.AdamL2, 0.0)]
    [InlineData(OptimizerKind.AdamL2, 0.05)]
    public void Step_SameGradients_SameBitsAsTorchSharp(OptimizerKind kind, double weightDecay)
    {
        TorchRuntime.EnsureLoaded(threads: 1);
        using var scope = NewDisposeScope();
        var ours = Parameters(seed: 3);
        var theirs = Parameters(seed: 3);
        using var a = kind == OptimizerKind.AdamW
            ? (optim.Optimizer)new KeptAliveAdamW(new[] { new AdamW.ParamGroup(ours, lr: 0.01, beta1: 0.9, beta2: 0.95, weight_decay: weightDecay) }, 0.01, 0.9, 0.95)
            : new KeptAliveAdam(new[] { new Adam.ParamGroup(ours, lr: 0.01, beta1: 0.9, beta2: 0.95, weight_decay: weightDecay) }, 0.01, 0.9, 0.95);
        using var b = kind == OptimizerKind.AdamW
            ? (optim.Optimizer)optim.AdamW(new[] { new AdamW.ParamGroup(theirs, lr: 0.01, beta1: 0.9, beta2: 0.95, weight_decay: weightDecay) }, lr: 0.01, beta1: 0.9, beta2: 0.95)
            : optim.Adam(new[] { new Adam.ParamGroup(theirs, lr: 0.01, beta1: 0.9, beta2: 0.95, weight_decay: weightDecay) }, lr: 0.01, beta1: 0.9, beta2: 0.95);
        for (int step = 0; step < 5; step++)
        {
            manual_seed(100 + step);
            var gradients = ours.Select(p => randn(p.shape)).ToArray();
            SetGradients(ours, gradients);
            SetGradients(theirs, gradients);
            a.step();
            b.step();
        }
        for (int i = 0; i < ours.Length; i++)
            Assert.Equal(theirs[i].data<float>().ToArray(), ours[i].data<float>().ToArray());
        Assert.NotEqual(Parameters(seed: 3)[0].data<float>().ToArray(), ours[0].data<float>().ToArray()); // the steps moved the weights
    }

    private static Parameter[] Parameters(int seed)
    {
        manual_seed(seed);
        return new[] { new Parameter(randn(4, 3)), new Parameter(randn(3)) };
    }

    private static void SetGradients(Parameter[] parameters, Tensor[] gradients)
    {
        for (int i = 0; i < parameters.Length; i++)
            parameters[i].grad = gradients[i].clone();
    }
}
