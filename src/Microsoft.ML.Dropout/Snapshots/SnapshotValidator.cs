
namespace Microsoft.ML.Dropout.Snapshots;

/// <summary>Checks that an <see cref="MlpSnapshot"/> is consistent before it is exported or evaluated.</summary>
internal static class SnapshotValidator
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent layer.</summary>
    internal static void Validate(MlpSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.InputSize < 1)
            throw new ArgumentException($"The snapshot's InputSize must be ≥ 1. Received: {snapshot.InputSize}.", nameof(snapshot));
        if (snapshot.OutputSize < 1)
            throw new ArgumentException($"The snapshot's OutputSize must be ≥ 1. Received: {snapshot.OutputSize}.", nameof(snapshot));
        if (!Enum.IsDefined(snapshot.Task))
            throw new ArgumentException($"The snapshot's Task {snapshot.Task} is not defined.", nameof(snapshot));
        if (snapshot.Task != TaskKind.MulticlassClassification && snapshot.OutputSize != 1)
            throw new ArgumentException($"A {snapshot.Task} snapshot must have OutputSize = 1. Received: {snapshot.OutputSize}.", nameof(snapshot));
        if (!double.IsFinite(snapshot.Temperature) || snapshot.Temperature <= 0)
            throw new ArgumentException($"The snapshot's Temperature must be finite and > 0. Received: {snapshot.Temperature}.", nameof(snapshot));
        if (!double.IsFinite(snapshot.OutputScale) || !double.IsFinite(snapshot.OutputShift))
            throw new ArgumentException($"The snapshot's OutputScale and OutputShift must be finite. Received: {snapshot.OutputScale}, {snapshot.OutputShift}.", nameof(snapshot));
        ArgumentNullException.ThrowIfNull(snapshot.Layers, nameof(snapshot.Layers));
        int width = new WidthCheck().Walk(snapshot.Layers, snapshot.InputSize);
        if (width != snapshot.OutputSize)
            throw new ArgumentException($"The snapshot's layers produce {width} outputs but OutputSize is {snapshot.OutputSize}.", nameof(snapshot));
    }

    /// <summary>Walks the layers with the width each receives, checking every layer against it; returns the output width.</summary>
    private sealed class WidthCheck : SnapshotWalker<int>
    {
        protected override int VisitDense(DenseLayer dense, int width)
        {
            if (dense.InputSize != width)
                throw Bad(dense, $"expects {dense.InputSize} inputs but receives {width}");
            if (dense.OutputSize < 1 || dense.Weight is null || dense.Weight.Length != (long)dense.InputSize * dense.OutputSize)
                throw Bad(dense, $"needs a Weight of OutputSize·InputSize = {dense.OutputSize}·{dense.InputSize} values, has {dense.Weight?.Length ?? 0}");
            if (dense.Bias is null || dense.Bias.Length != dense.OutputSize)
                throw Bad(dense, $"needs a Bias of {dense.OutputSize} values, has {dense.Bias?.Length ?? 0}");
            return dense.OutputSize;
        }

        protected override int VisitLayerNorm(LayerNormLayer norm, int width)
        {
            if (norm.Size != width)
                throw Bad(norm, $"normalizes {norm.Size} values but receives {width}");
            if (norm.Scale is null || norm.Scale.Length != width || norm.Shift is null || norm.Shift.Length != width)
                throw Bad(norm, $"needs Scale and Shift of {width} values");
            if (!float.IsFinite(norm.Epsilon) || norm.Epsilon < 0)
                throw Bad(norm, $"needs a finite Epsilon ≥ 0, has {norm.Epsilon}");
            return width;
        }

        protected override int VisitActivation(ActivationLayer activation, int width) =>
            Enum.IsDefined(activation.Activation) ? width : throw Bad(activation, $"has an undefined activation {activation.Activation}");

        protected override int VisitDropout(DropoutLayer dropout, int width)
        {
            if (!Enum.IsDefined(dropout.Kind))
                throw Bad(dropout, $"has an undefined kind {dropout.Kind}");
            if (double.IsNaN(dropout.Rate) || dropout.Rate < 0 || dropout.Rate >= 1)
                throw Bad(dropout, $"needs a Rate in [0, 1), has {dropout.Rate}");
            return width;
        }

        protected override int VisitTabular(SnapshotLayer layer, int width)
        {
            var tabular = (Tabular.ITabularSnapshotLayer)layer;
            if (tabular.InputWidth != width)
                throw Bad(layer, $"expects {tabular.InputWidth} values per row but receives {width}");
            tabular.Validate();
            return tabular.OutputWidth;
        }

        protected override int VisitResidual(ResidualBlock block, int width)
        {
            ArgumentNullException.ThrowIfNull(block.Body, nameof(block.Body));
            int bodyWidth = Walk(block.Body, width);
            return bodyWidth == width ? width : throw Bad(block, $"maps {width} values to {bodyWidth}; a residual body must keep the width");
        }
    }

    private static ArgumentException Bad(SnapshotLayer layer, string problem) =>
        new($"Snapshot layer '{layer.Name}' {problem}.");
}
