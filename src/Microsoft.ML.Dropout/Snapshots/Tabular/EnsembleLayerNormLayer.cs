namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>
/// LayerNorm of each ensemble member's row on its own: (x − mean)/√(var + ε)·Scale + Shift over the Size values of
/// member i (biased variance), with Scale and Shift shared by the members. Rows are k members × Size.
/// </summary>
/// <param name="Name">Layer name.</param>
/// <param name="Members">k.</param>
/// <param name="Size">Values per member.</param>
/// <param name="Scale">[Size].</param>
/// <param name="Shift">[Size].</param>
/// <param name="Epsilon">ε ≥ 0.</param>
public sealed record EnsembleLayerNormLayer(string Name, int Members, int Size, float[] Scale, float[] Shift, float Epsilon)
    : SnapshotLayer(Name), ITabularSnapshotLayer
{
    int ITabularSnapshotLayer.InputWidth => Members * Size;
    int ITabularSnapshotLayer.OutputWidth => Members * Size;
    void ITabularSnapshotLayer.Validate() => Validate();

    internal void Validate()
    {
        SnapshotArrays.CheckLength(Name, nameof(Scale), Scale, Size);
        SnapshotArrays.CheckLength(Name, nameof(Shift), Shift, Size);
        if (!float.IsFinite(Epsilon) || Epsilon < 0)
            throw new ArgumentException($"Layer '{Name}': Epsilon must be finite and ≥ 0, is {Epsilon}.");
    }
}
