namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>
/// y = x + Alpha ⊙ (f(x) − x) (RealMLP-TD's parametric activation, the <c>ParametricActivation</c> module). A row
/// holds <paramref name="Members"/> × <paramref name="Size"/> values: 1 × D in a plain MLP, k × D in an ensemble,
/// whose members share Alpha.
/// </summary>
/// <param name="Name">Layer name.</param>
/// <param name="Size">D, the units of one member.</param>
/// <param name="Activation">f.</param>
/// <param name="Alpha">[D].</param>
/// <param name="Members">k ≥ 1 (1 outside an ensemble). Default 1.</param>
public sealed record ParametricActivationLayer(string Name, int Size, Activation Activation, float[] Alpha, int Members = 1) : SnapshotLayer(Name), ITabularSnapshotLayer
{
    int ITabularSnapshotLayer.InputWidth => Members * Size;
    int ITabularSnapshotLayer.OutputWidth => Members * Size;

    void ITabularSnapshotLayer.Validate()
    {
        OptionGuard.AtLeast(Members, 1, "EnsembleSize");
        SnapshotArrays.CheckLength(Name, nameof(Alpha), Alpha, Size);
    }
}
