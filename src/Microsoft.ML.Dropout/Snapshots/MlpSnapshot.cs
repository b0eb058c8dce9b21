
namespace Microsoft.ML.Dropout.Snapshots;

/// <summary>
/// A trained network as plain arrays, free of TorchSharp: what ONNX export, managed scoring, MC dropout and the
/// ML.NET adapters consume. Eval-mode BatchNorm is already folded into the preceding <see cref="DenseLayer"/>.
/// The network maps a row of <see cref="InputSize"/> features to <see cref="OutputSize"/> raw outputs:
/// one logit (binary), K logits (multiclass) or one standardized value (regression).
/// </summary>
/// <param name="InputSize">Number of input features.</param>
/// <param name="OutputSize">Number of raw outputs.</param>
/// <param name="Task">The task the network was trained for.</param>
/// <param name="Layers">Layers in evaluation order.</param>
public sealed record MlpSnapshot(int InputSize, int OutputSize, TaskKind Task, IReadOnlyList<SnapshotLayer> Layers)
{
    /// <summary>
    /// Temperature T &gt; 0 that divides classification logits (1 = uncalibrated); in an ensemble it divides every
    /// member's logits before they are averaged (see <see cref="Tabular.EnsembleTemperature"/>). Default 1.
    /// </summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Regression only: prediction = raw · <see cref="OutputScale"/> + <see cref="OutputShift"/> (undoes target standardization). Default 1.</summary>
    public double OutputScale { get; init; } = 1.0;

    /// <summary>Regression only: see <see cref="OutputScale"/>. Default 0.</summary>
    public double OutputShift { get; init; } = 0.0;

    /// <summary>Every layer, the bodies of residual blocks included, in evaluation order (a block before its body).</summary>
    public IReadOnlyList<SnapshotLayer> LayersInEvaluationOrder() => SnapshotLayerOrder.Flatten(Layers);
}
