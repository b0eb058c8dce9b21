using Microsoft.ML.Dropout.Losses;
using Microsoft.ML.Dropout.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Losses;

[Collection("Sequential")]
public class LossTests
{
    public LossTests() => TorchRuntime.EnsureLoaded(2);

    /// <summary>Minimizes the loss over free logits with gradient descent and returns them.</summary>
    private static float[] OptimizeFreeLogits(int size, Func<Tensor, Tensor> loss)
    {
        using var z = new TorchSharp.Modules.Parameter(torch.zeros(1, size));
        using var opt = torch.optim.SGD(new[] { z }, 3.5);
        for (int i = 0; i < 1000; i++)
        {
            using var scope = torch.NewDisposeScope();
            opt.zero_grad();
            loss(z).backward();
            opt.step();
        }
        return z.detach().data<float>().ToArray();
    }

    // Targets (1−ε)·onehot + ε/K (PyTorch's label_smoothing convention, which the options document) give
    // q_correct/q_other = (1 − ε + ε/K)/(ε/K), so the optimum gap is log(1 + K(1−ε)/ε): 4.511 for K=10, ε=0.1.
    // The often-quoted log((K−1)(1−ε)/ε) ≈ 4.394 belongs to the other convention, ε/(K−1) on each wrong class.
    [Theory]
    [InlineData(10, 0.1, 4.51086)]
    [InlineData(4, 0.1, 3.61092)]
    [InlineData(4, 0.3, 2.33537)]
    public void SmoothedCrossEntropy_FreeLogits_OptimumGapIsLogOnePlusKTimesOneMinusEpsOverEps(int k, double eps, double expectedGap)
    {
        Assert.Equal(Math.Log(1 + k * (1 - eps) / eps), expectedGap, 4);
        using var target = torch.tensor(new long[] { 0 });
        var z = OptimizeFreeLogits(k, logits => SmoothedCrossEntropy.Compute(logits, target, eps));
        for (int j = 1; j < k; j++)
            Assert.Equal(expectedGap, z[0] - z[j], 3);
    }

    [Fact]
    public void SmoothedBinaryCrossEntropy_FreeLogit_OptimumIsLogOfSmoothedOdds()
    {
        const double eps = 0.1;
        using var label = torch.tensor(new float[] { 1 });
        var z = OptimizeFreeLogits(1, logit => SmoothedBinaryCrossEntropy.Compute(logit, label, eps));
        Assert.Equal(Math.Log((1 - eps / 2) / (eps / 2)), z[0], 3);
    }

    [Fact]
    public void SmoothedCrossEntropy_ZeroSmoothing_EqualsPlainCrossEntropy()
    {
        torch.manual_seed(1);
        using var logits = torch.randn(8, 5);
        using var y = torch.tensor(new long[] { 0, 1, 2, 3, 4, 0, 1, 2 });
        using var ours = SmoothedCrossEntropy.Compute(logits, y, 0);
        using var plain = nn.functional.cross_entropy(logits, y);
        Assert.Equal(plain.item<float>(), ours.item<float>(), 5);
        using var torchSmoothed = nn.functional.cross_entropy(logits, y, label_smoothing: 0.2);
        using var oursSmoothed = SmoothedCrossEntropy.Compute(logits, y, 0.2);
        Assert.Equal(torchSmoothed.item<float>(), oursSmoothed.item<float>(), 5);
    }

    [Fact]
    public void SmoothedCrossEntropy_ClassWeights_WeightedMeanOverTrueClassWeights()
    {
        torch.manual_seed(2);
        using var logits = torch.randn(6, 3);
        using var y = torch.tensor(new long[] { 0, 1, 2, 0, 1, 2 });
        using var cw = torch.tensor(new float[] { 1, 2, 5 });
        using var ours = SmoothedCrossEntropy.Compute(logits, y, 0, cw);
        using var torchWeighted = nn.functional.cross_entropy(logits, y, weight: cw);
        Assert.Equal(torchWeighted.item<float>(), ours.item<float>(), 5);
        // Documented: Σ cw[yᵢ]·ℓᵢ / Σ cw[yᵢ].
        using var per = SmoothedCrossEntropy.PerExample(logits, y, 0.1);
        var l = per.data<float>().ToArray();
        double manual = (l[0] + 2 * l[1] + 5 * l[2] + l[3] + 2 * l[4] + 5 * l[5]) / 16.0;
        using var smoothedWeighted = SmoothedCrossEntropy.Compute(logits, y, 0.1, cw);
        Assert.Equal(manual, smoothedWeighted.item<float>(), 5);
        using var unweighted = SmoothedCrossEntropy.Compute(logits, y, 0.1);
        Assert.NotEqual(unweighted.item<float>(), smoothedWeighted.item<float>(), 3);
    }

    [Fact]
    public void SmoothedBinaryCrossEntropy_ClassAndExampleWeights_WeightedMean()
    {
        using var z = torch.tensor(new float[] { 0.5f, -1f, 2f });
        using var y = torch.tensor(new float[] { 1, 0, 0 });
        using var cw = torch.tensor(new float[] { 1, 3 });
        using var ew = torch.tensor(new float[] { 1, 2, 0 });
        using var per = SmoothedBinaryCrossEntropy.PerExample(z, y, 0.1);
        var l = per.data<float>().ToArray();
        using var loss = SmoothedBinaryCrossEntropy.Compute(z, y, 0.1, cw, ew);
        Assert.Equal((3 * l[0] + 2 * l[1]) / 5.0, loss.item<float>(), 5);
        using var smoothed = SmoothedBinaryCrossEntropy.SmoothTargets(y, 0.1);
        Assert.Equal(new[] { 0.95f, 0.05f, 0.05f }, smoothed.data<float>().ToArray());
        using var plain = nn.functional.binary_cross_entropy_with_logits(z, y);
        using var ours = SmoothedBinaryCrossEntropy.Compute(z, y, 0);
        Assert.Equal(plain.item<float>(), ours.item<float>(), 6);
    }

    [Fact]
    public void RegressionLosses_MseAndHuber_MatchDefinitions()
    {
        using var p = torch.tensor(new float[] { 0, 0, 0 }).reshape(3, 1);
        using var y = torch.tensor(new float[] { 0.5f, 2f, -3f });
        using var mse = RegressionLosses.Compute(p, y, RegressionLoss.Mse);
        Assert.Equal((0.25 + 4 + 9) / 3, mse.item<float>(), 5);
        using var huber = RegressionLosses.Compute(p, y, RegressionLoss.Huber, huberDelta: 1.0);
        Assert.Equal((0.125 + 1.5 + 2.5) / 3, huber.item<float>(), 5);
        using var w = torch.tensor(new float[] { 1, 0, 1 });
        using var weighted = RegressionLosses.Compute(p, y, RegressionLoss.Mse, exampleWeights: w);
        Assert.Equal((0.25 + 9) / 2, weighted.item<float>(), 5);
    }
}
