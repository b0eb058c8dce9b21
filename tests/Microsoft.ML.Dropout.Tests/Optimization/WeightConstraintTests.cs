using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Optimization;
using Microsoft.ML.Dropout.Training;
using Microsoft.ML.Dropout.Training.Callbacks;
using TorchSharp;
using TorchSharp.Modules;

namespace Microsoft.ML.Dropout.Tests.Optimization;

[Collection("Sequential")]
public class WeightConstraintTests
{
    public WeightConstraintTests() => TorchRuntime.EnsureLoaded(2);

    [Fact]
    public void MaxNorm_RowAboveBound_RescaledToBoundOtherRowsUnchanged()
    {
        using var w = new Parameter(torch.tensor(new float[] { 3, 4, 0.3f, 0.4f }).reshape(2, 2));
        MaxNormEnforcement.RescaleRows(new[] { w }, 1.0);
        var v = w.data<float>().ToArray();
        Assert.Equal(new[] { 0.6f, 0.8f, 0.3f, 0.4f }, v.Select(x => MathF.Round(x, 6)));
        using var norms = w.norm(1, p: 2);
        Assert.True(norms.max().item<float>() <= 1.0f + 1e-6f);
    }

    [Fact]
    public void L1Penalty_KnownWeights_IsLambdaTimesAbsoluteSum()
    {
        using var a = new Parameter(torch.tensor(new float[] { -1, 2, -3, 4 }).reshape(2, 2));
        using var b = new Parameter(torch.tensor(new float[] { 0.5f, -0.5f }).reshape(1, 2));
        using var penalty = L1Penalty.Compute(new[] { a, b }, 0.01);
        Assert.Equal(0.11, penalty.item<float>(), 6);
        using var zero = L1Penalty.Compute(new[] { a, b }, 0);
        Assert.Equal(0f, zero.item<float>());
    }

    [Fact]
    public void GradientNormClipping_LargeGradient_CappedAtBound()
    {
        using var a = new Parameter(torch.ones(3, 4));
        using var b = new Parameter(torch.ones(4));
        using (var loss = (a * 10).sum() + (b * 5).sum()) loss.backward();
        var context = new TrainingContext(new MlpTrainerOptions(), TrainingTask.Binary, 10, 0)
        {
            Parameters = ParameterGroups.Split(new[] { ("hidden0.linear.weight", a), ("hidden0.linear.bias", b) }),
        };
        new GradientNormClipping(1.0).OnAfterBackward(context);
        using var total = torch.cat(new[] { a.grad!.flatten(), b.grad!.flatten() }).norm();
        Assert.Equal(1.0, total.item<float>(), 4);
    }
}
