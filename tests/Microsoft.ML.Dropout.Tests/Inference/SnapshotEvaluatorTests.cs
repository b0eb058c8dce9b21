using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Tests.Export;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Inference;

public class SnapshotEvaluatorTests
{
    [Fact]
    public void Forward_TinyNetwork_MatchesHandComputedValues()
    {
        // x = (1, −2); W = [[1, 0.5], [−1, 2]], b = (0.5, 0) → h = (1 − 1 + 0.5, −1 − 4 + 0) = (0.5, −5)
        // ReLU → (0.5, 0); output W = [[2, 3]], b = −0.25 → 2·0.5 − 0.25 = 0.75
        var snapshot = new MlpSnapshot(2, 1, TaskKind.Regression, new SnapshotLayer[]
        {
            new DenseLayer("hidden0.linear", 2, 2, new[] { 1f, 0.5f, -1f, 2f }, new[] { 0.5f, 0f }),
            new ActivationLayer("hidden0.act", Activation.Relu),
            new DropoutLayer("hidden0.dropout", DropoutKind.Standard, 0.5),
            new DenseLayer("output", 2, 1, new[] { 2f, 3f }, new[] { -0.25f }),
        }) { OutputScale = 2, OutputShift = 1 };

        float[] raw = SnapshotEvaluator.Forward(snapshot, new[] { 1f, -2f }, 1);

        Assert.Equal(new[] { 0.75f }, raw);
        Assert.Equal(new[] { 2.5f }, SnapshotEvaluator.ToLabelUnits(snapshot, raw)); // 0.75·2 + 1
    }

    [Fact]
    public void Forward_LayerNormAndResidual_MatchHandComputedValues()
    {
        // x = (1, 3): mean 2, biased variance 1 → normalized (−1, 1) (ε = 0); scale (2, 1), shift (0, 0.5) → (−2, 1.5)
        // residual: x + body(x) = (1 − 2, 3 + 1.5) = (−1, 4.5)
        var snapshot = new MlpSnapshot(2, 2, TaskKind.MulticlassClassification, new SnapshotLayer[]
        {
            new ResidualBlock("block0", new SnapshotLayer[] { new LayerNormLayer("block0.norm", 2, new[] { 2f, 1f }, new[] { 0f, 0.5f }, 0f) }),
        });

        Assert.Equal(new[] { -1f, 4.5f }, SnapshotEvaluator.Forward(snapshot, new[] { 1f, 3f }, 1));
    }

    [Fact]
    public void Probabilities_Multiclass_SoftmaxWithTemperature()
    {
        var snapshot = new MlpSnapshot(1, 3, TaskKind.MulticlassClassification, Array.Empty<SnapshotLayer>()) { Temperature = 2 };
        float[] logits = { 2f, 0f, -2f };

        float[] p = SnapshotEvaluator.Probabilities(snapshot, logits, 1);

        // softmax(1, 0, −1) = e^(1, 0, −1)/(e + 1 + 1/e)
        double z = Math.E + 1 + 1 / Math.E;
        Assert.Equal(Math.E / z, p[0], 6);
        Assert.Equal(1 / z, p[1], 6);
        Assert.Equal(1 / Math.E / z, p[2], 6);
    }

    [Fact]
    public void Sigmoid_ExtremeLogits_StayFiniteAndOrdered()
    {
        float[] p = SnapshotEvaluator.Sigmoid(new[] { -1000f, 0f, 1000f });

        Assert.Equal(new[] { 0f, 0.5f, 1f }, p);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(-1.5, -0.9661051464753108)]
    [InlineData(2.9, 0.9999589021219005)]
    [InlineData(3.5, 0.9999992569016276)]
    [InlineData(-4.2, -0.9999999971445058)]
    public void Erf_KnownValues_MatchToDoublePrecision(double x, double expected)
    {
        Assert.Equal(expected, ActivationMath.Erf(x), 13);
    }

    [Fact]
    public void SeluConstants_EqualPyTorch()
    {
        Assert.Equal(1.6732632423543772, ActivationMath.SeluAlpha);
        Assert.Equal(1.0507009873554805, ActivationMath.SeluScale);
        Assert.Equal(-1.7580993408473766, DropoutMath.AlphaSaturation, 15);
    }

    [Fact]
    public void Forward_WrongRowLength_ThrowsWithCounts()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.Regression, 3, 1, Activation.Relu, false, false);

        var e = Assert.Throws<ArgumentException>(() => SnapshotEvaluator.Forward(snapshot, new float[7], 2));

        Assert.StartsWith("'rows' must hold rowCount × 3 = 6 values. Received: 7.", e.Message);
    }
}
