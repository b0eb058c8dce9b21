using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Export;

namespace Microsoft.ML.Dropout.Estimators.Scoring;

/// <summary>Reads and replaces the output (last dense) layer of a snapshot.</summary>
internal static class LastLayer
{
    internal static DenseLayer Of(MlpSnapshot snapshot) =>
        snapshot.Layers.OfType<DenseLayer>().LastOrDefault()
        ?? throw new InvalidOperationException("The snapshot has no dense layer; this should not happen. Please report it.");

    internal static MlpSnapshot Replace(MlpSnapshot snapshot, DenseLayer layer)
    {
        var layers = snapshot.Layers.ToList();
        int last = layers.FindLastIndex(l => l is DenseLayer);
        layers[last] = layer;
        return snapshot with { Layers = layers };
    }
}
