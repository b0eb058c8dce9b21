namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>y = x ⊙ Scale (RealMLP-TD's front diagonal scaling, the <c>FrontScale</c> module).</summary>
/// <param name="Name">Layer name.</param>
/// <param name="Size">D.</param>
/// <param name="Scale">[D].</param>
public sealed record FrontScaleLayer(string Name, int Size, float[] Scale) : SnapshotLayer(Name), ITabularSnapshotLayer
{
    int ITabularSnapshotLayer.InputWidth => Size;
    int ITabularSnapshotLayer.OutputWidth => Size;
    void ITabularSnapshotLayer.Validate() => SnapshotArrays.CheckLength(Name, nameof(Scale), Scale, Size);
}
