namespace Microsoft.ML.Dropout.Snapshots;

/// <summary>
/// The one walk over snapshot layers: visits the layers in evaluation order and threads a value through them
/// (a block of activations, an ONNX tensor name, a width), one overridable step per layer type. The validator, the
/// managed evaluator, the ONNX writer and <see cref="SnapshotLayerOrder"/> all derive from it.
/// </summary>
/// <typeparam name="T">The value threaded from layer to layer.</typeparam>
internal abstract class SnapshotWalker<T>
{
    /// <summary>Applies the step of each layer in turn, feeding each step the previous step's value.</summary>
    /// <exception cref="ArgumentException">A layer is null, or of a type the walker does not know (<see cref="VisitOther"/>).</exception>
    internal T Walk(IReadOnlyList<SnapshotLayer> layers, T value)
    {
        foreach (var layer in layers)
        {
            value = layer switch
            {
                DenseLayer dense => VisitDense(dense, value),
                LayerNormLayer norm => VisitLayerNorm(norm, value),
                ActivationLayer activation => VisitActivation(activation, value),
                DropoutLayer dropout => VisitDropout(dropout, value),
                ResidualBlock block => VisitResidual(block, value),
                Tabular.ITabularSnapshotLayer => VisitTabular(layer, value),
                null => throw new ArgumentException("The snapshot contains a null layer."),
                _ => VisitOther(layer, value),
            };
        }
        return value;
    }

    /// <summary>The step of any layer whose type-specific step is not overridden. Default: the identity.</summary>
    protected virtual T VisitLayer(SnapshotLayer layer, T value) => value;

    /// <summary>A dense layer's step. Default: <see cref="VisitLayer"/>.</summary>
    protected virtual T VisitDense(DenseLayer layer, T value) => VisitLayer(layer, value);

    /// <summary>A LayerNorm's step. Default: <see cref="VisitLayer"/>.</summary>
    protected virtual T VisitLayerNorm(LayerNormLayer layer, T value) => VisitLayer(layer, value);

    /// <summary>An activation's step. Default: <see cref="VisitLayer"/>.</summary>
    protected virtual T VisitActivation(ActivationLayer layer, T value) => VisitLayer(layer, value);

    /// <summary>A dropout site's step. Default: <see cref="VisitLayer"/> (dropout sites are the identity at inference).</summary>
    protected virtual T VisitDropout(DropoutLayer layer, T value) => VisitLayer(layer, value);

    /// <summary>A tabular layer's step (preprocessing, embeddings, ensemble and RealMLP layers). Default: <see cref="VisitLayer"/>.</summary>
    protected virtual T VisitTabular(SnapshotLayer layer, T value) => VisitLayer(layer, value);

    /// <summary>
    /// The step of a layer type this class does not list (e.g. a layer type added by another part of the engine).
    /// Default: throws <see cref="ArgumentException"/> naming the layer and its type.
    /// </summary>
    protected virtual T VisitOther(SnapshotLayer layer, T value) =>
        throw new ArgumentException($"Snapshot layer '{layer.Name}' has the unsupported layer type {layer.GetType().Name}.");

    /// <summary>A residual block's step. Default: <see cref="VisitLayer"/> on the block, then the walk of its body.</summary>
    protected virtual T VisitResidual(ResidualBlock block, T value) => Walk(block.Body, VisitLayer(block, value));
}
