using Microsoft.ML.Dropout.Snapshots;

namespace Microsoft.ML.Dropout.Tests.Snapshots;

/// <summary>The one walk over snapshot layers that the validator, the evaluator and the ONNX writer share.</summary>
public class SnapshotWalkerTests
{
    private sealed record UnknownLayer(string Name) : SnapshotLayer(Name);

    private static MlpSnapshot Residual()
    {
        var body = new List<SnapshotLayer>
        {
            new DenseLayer("hidden1.linear", 2, 2, new float[4], new float[2]),
            new ActivationLayer("hidden1.activation", Activation.Relu),
            new DropoutLayer("hidden1.dropout", DropoutKind.Standard, 0.1),
        };
        var layers = new List<SnapshotLayer>
        {
            new DropoutLayer("input_dropout", DropoutKind.Standard, 0.2),
            new DenseLayer("hidden0.linear", 3, 2, new float[6], new float[2]),
            new ResidualBlock("hidden1", body),
            new DenseLayer("output", 2, 1, new float[2], new float[1]),
        };
        return new MlpSnapshot(3, 1, TaskKind.BinaryClassification, layers);
    }

    [Fact]
    public void LayersInEvaluationOrder_ResidualBlock_ComesBeforeItsBody()
    {
        var names = Residual().LayersInEvaluationOrder().Select(l => l.Name);
        Assert.Equal(new[] { "input_dropout", "hidden0.linear", "hidden1", "hidden1.linear", "hidden1.activation", "hidden1.dropout", "output" }, names);
    }

    [Fact]
    public void Validate_UnknownLayerType_ThrowsNamingLayerAndType()
    {
        var snapshot = new MlpSnapshot(3, 1, TaskKind.Regression, new SnapshotLayer[] { new UnknownLayer("mystery") });
        var e = Assert.Throws<ArgumentException>(() => SnapshotValidator.Validate(snapshot));
        Assert.Equal("Snapshot layer 'mystery' has the unsupported layer type UnknownLayer.", e.Message);
    }

    [Fact]
    public void LayersInEvaluationOrder_UnknownLayerType_IsListed()
    {
        var snapshot = new MlpSnapshot(3, 1, TaskKind.Regression, new SnapshotLayer[] { new UnknownLayer("mystery") });
        Assert.Equal("mystery", Assert.Single(snapshot.LayersInEvaluationOrder()).Name);
    }

    [Fact]
    public void Validate_ResidualBodyChangesWidth_ThrowsNamingTheBlock()
    {
        var body = new SnapshotLayer[] { new DenseLayer("hidden1.linear", 2, 3, new float[6], new float[3]) };
        var layers = new SnapshotLayer[]
        {
            new DenseLayer("hidden0.linear", 3, 2, new float[6], new float[2]),
            new ResidualBlock("hidden1", body),
        };
        var e = Assert.Throws<ArgumentException>(() => SnapshotValidator.Validate(new MlpSnapshot(3, 2, TaskKind.MulticlassClassification, layers)));
        Assert.Equal("Snapshot layer 'hidden1' maps 2 values to 3; a residual body must keep the width.", e.Message);
    }
}
