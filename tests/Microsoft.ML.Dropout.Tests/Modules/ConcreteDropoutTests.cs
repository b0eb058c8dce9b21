using Microsoft.ML.Dropout.Modules;
using Microsoft.ML.Dropout.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Modules;

[Collection("Sequential")]
public class ConcreteDropoutTests
{
    public ConcreteDropoutTests() => TorchRuntime.EnsureLoaded(threads: 2);

    [Fact]
    public void Constructor_InitialRate_IsStoredAsLogitParameter()
    {
        using var module = new ConcreteDropout(0.3);
        Assert.Equal(0.3, module.Rate, 6);
        var parameters = module.named_parameters().ToArray();
        Assert.Single(parameters);
        Assert.Equal("p_logit", parameters[0].name);
        Assert.Equal(new long[] { 1 }, parameters[0].parameter.shape);
        Assert.Equal(Math.Log(0.3 / 0.7), parameters[0].parameter.item<float>(), 5);
    }

    [Fact]
    public void Forward_TrainModeOnOnes_RoughlyKeepsMean()
    {
        manual_seed(81);
        using var module = new ConcreteDropout(0.3);
        module.train();
        using var x = ones(100_000);
        using var y = module.forward(x);
        Assert.InRange(y.mean().item<float>(), 0.97, 1.03);
        // Relaxed mask at τ = 0.1: most units are close to dropped (≈0) or kept (≈1/(1−p)).
        double nearZero = y.lt(0.1).sum().item<long>() / 100_000.0;
        Assert.InRange(nearZero, 0.2, 0.4);
    }

    [Fact]
    public void Forward_TrainMode_GradientReachesTheRate()
    {
        manual_seed(82);
        using var module = new ConcreteDropout(0.2);
        module.train();
        using var x = randn(1000, 10);
        using var y = module.forward(x);
        y.pow(2).mean().backward();
        using var grad = module.p_logit.grad!;
        float g = grad.item<float>();
        Assert.True(float.IsFinite(g) && g != 0, $"gradient {g}");
    }

    [Fact]
    public void Regularization_KnownRate_MatchesGalFormula()
    {
        using var module = new ConcreteDropout(0.25) { WeightRegularizer = 0.1, DropoutRegularizer = 0.01 };
        using var w = ones(2, 3);
        using var r = module.Regularization(w, 4);
        double p = 0.25;
        double expected = 0.1 * 6 / (1 - p) + 0.01 * 4 * (p * Math.Log(p) + (1 - p) * Math.Log(1 - p));
        Assert.Equal(expected, r.item<float>(), 5);
    }

    [Fact]
    public void Regularization_EntropyTermOnly_PullsRateTowardsHalf()
    {
        double final = Minimise(new ConcreteDropout(0.1) { WeightRegularizer = 0, DropoutRegularizer = 1 });
        Assert.InRange(final, 0.2, 0.5);
    }

    [Fact]
    public void Regularization_WeightTermOnly_PushesRateDown()
    {
        double final = Minimise(new ConcreteDropout(0.4) { WeightRegularizer = 1, DropoutRegularizer = 0 });
        Assert.InRange(final, 0.0, 0.3);
    }

    private static double Minimise(ConcreteDropout module)
    {
        using (module)
        {
            using var w = ones(4, 4);
            using var optimizer = optim.SGD(module.parameters(), 0.5);
            for (int step = 0; step < 30; step++)
            {
                optimizer.zero_grad();
                using var loss = module.Regularization(w, 4);
                loss.backward();
                optimizer.step();
            }
            return module.Rate;
        }
    }
}
