using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Optimization;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using Microsoft.ML.Dropout.Tests.Export;
using Microsoft.ML.Dropout.Tests.Training;
using Microsoft.ML.Dropout.Training;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Tabular;

/// <summary>
/// <c>FrontScaleLearningRateFactor</c>: the front scales learn k times as fast (the layer holds scale / k and
/// multiplies by k), the snapshot holds the scales themselves, and the trainer builds the layer with the option's k.
/// </summary>
[Collection("Sequential")]
public class FrontScaleLearningRateTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(6.0)]
    [InlineData(30.0)]
    public void FrontScale_OneAdamStep_MovesTheScalesByFactorTimesTheLearningRate(double factor)
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        using var layer = new FrontScale(3, factor);
        using var x = tensor(new[] { 1f, -2f, 3f, 4f, 5f, -6f }, new long[] { 2, 3 });
        using (var identity = layer.forward(x))
            Assert.Equal(x.data<float>().ToArray(), identity.data<float>().ToArray());
        Assert.All(layer.ToSnapshot().Scale, s => Assert.Equal(1f, s, 6));

        const double lr = 1e-3;
        var groups = ParameterGroups.Split(layer.named_parameters());
        using var optimizer = OptimizerFactory.Create(groups, OptimizerKind.AdamW, lr, weightDecay: 0.01);
        using (var loss = layer.forward(x).sum())
            loss.backward();
        optimizer.step();

        // Adam's first step is lr · sign(gradient) on the parameter, so k · lr on the scale; gradients 5, 3, −3.
        var scale = layer.ToSnapshot().Scale;
        Assert.Equal(new[] { 1 - factor * lr, 1 - factor * lr, 1 + factor * lr }, scale.Select(s => (double)s), new ToleranceComparer(1e-5 * factor));
    }

    [Fact]
    public void FrontScale_WithFactor_TorchManagedAndOnnxAgree()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(3);
        using var layer = new FrontScale(6, learningRateFactor: 30);
        using (no_grad())
            layer.Weight.normal_(1.0 / 30, 0.02);
        TabularParity.AssertAgree(layer, layer.ToSnapshot(), TestSnapshots.Rows(40, 6, seed: 7), 40);
    }

    [Fact]
    public void Options_NonPositiveFactor_IsRefusedNamingTheOption()
    {
        var options = new MlpClassificationOptions();
        Assert.Equal(Defaults.FrontScaleLearningRateFactor, options.FrontScaleLearningRateFactor);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.FrontScaleLearningRateFactor = 0);
        Assert.Contains("FrontScaleLearningRateFactor", error.Message);
    }

    [Fact]
    public void Fit_LargerFactor_TheTrainedScalesMoveFurther()
    {
        double Moved(double factor)
        {
            var options = TrainerTestOptions.Small(maxEpochs: 3);
            options.EarlyStoppingPatience = null;
            options.NumericEmbedding = NumericEmbeddingKind.PiecewiseLinear;
            options.PiecewiseLinearBins = 8;
            options.EmbeddingDimension = 4;
            options.FrontScaleLearningRateFactor = factor;
            var result = new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(SyntheticData.FourClass(200, 12, 4, seed: 31));
            var front = Assert.Single(result.Model.Layers.OfType<FrontScaleLayer>());
            return front.Scale.Average(s => Math.Abs(s - 1));
        }

        double slow = Moved(1), fast = Moved(30);
        Assert.True(fast > 5 * slow, $"mean |scale − 1|: factor 1 {slow:G3}, factor 30 {fast:G3}");
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(double value) => 0;
    }
}
