namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>y_i = Scale[i] ⊙ x_i for each member i (TabM-mini's adapter, the <c>EnsembleScale</c> module); rows are k members × D.</summary>
/// <param name="Name">Layer name.</param>
/// <param name="Members">k.</param>
/// <param name="Size">D.</param>
/// <param name="Scale">[k, D].</param>
public sealed record EnsembleScaleLayer(string Name, int Members, int Size, float[] Scale) : SnapshotLayer(Name), ITabularSnapshotLayer
{
    int ITabularSnapshotLayer.InputWidth => Members * Size;
    int ITabularSnapshotLayer.OutputWidth => Members * Size;
    void ITabularSnapshotLayer.Validate() => SnapshotArrays.CheckLength(Name, nameof(Scale), Scale, (long)Members * Size);
}
