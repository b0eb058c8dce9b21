namespace Microsoft.ML.Dropout.Snapshots;

/// <summary>The layers of a snapshot as one list in evaluation order, each residual block before its body.</summary>
internal sealed class SnapshotLayerOrder : SnapshotWalker<List<SnapshotLayer>>
{
    private SnapshotLayerOrder() { }

    /// <summary>Every layer, nested ones included, in evaluation order.</summary>
    internal static IReadOnlyList<SnapshotLayer> Flatten(IReadOnlyList<SnapshotLayer> layers) =>
        new SnapshotLayerOrder().Walk(layers, new List<SnapshotLayer>());

    /// <summary>Listing a layer needs no knowledge of its type.</summary>
    protected override List<SnapshotLayer> VisitOther(SnapshotLayer layer, List<SnapshotLayer> order) => VisitLayer(layer, order);

    /// <inheritdoc/>
    protected override List<SnapshotLayer> VisitLayer(SnapshotLayer layer, List<SnapshotLayer> order)
    {
        order.Add(layer);
        return order;
    }
}
