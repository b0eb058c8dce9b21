namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>[N, D] → [N, k, D]: each of the k ensemble members gets a copy of the row (the <c>EnsembleView</c> module).</summary>
/// <param name="Name">Layer name.</param>
/// <param name="Members">k.</param>
/// <param name="Size">D.</param>
public sealed record EnsembleViewLayer(string Name, int Members, int Size) : SnapshotLayer(Name), ITabularSnapshotLayer
{
    int ITabularSnapshotLayer.InputWidth => Size;
    int ITabularSnapshotLayer.OutputWidth => Members * Size;

    void ITabularSnapshotLayer.Validate()
    {
        OptionGuard.AtLeast(Members, 1, "EnsembleSize");
        OptionGuard.AtLeast(Size, 1, nameof(Size));
    }
}
