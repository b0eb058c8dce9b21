namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>y = x + Alpha ⊙ (f(x) − x) (RealMLP-TD's parametric activation, the <c>ParametricActivation</c> module).</summary>
/// <param name="Name">Layer name.</param>
/// <param name="Size">D.</param>
/// <param name="Activation">f.</param>
/// <param name="Alpha">[D].</param>
public sealed record ParametricActivationLayer(string Name, int Size, Activation Activation, float[] Alpha) : SnapshotLayer(Name), ITabularSnapshotLayer
{
    int ITabularSnapshotLayer.InputWidth => Size;
    int ITabularSnapshotLayer.OutputWidth => Size;
    void ITabularSnapshotLayer.Validate() => SnapshotArrays.CheckLength(Name, nameof(Alpha), Alpha, Size);
}
