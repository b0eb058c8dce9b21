namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>y_i = x_i·Weight[i] + Bias[i] for each member i (k separate heads, the <c>LinearEnsemble</c> module); rows are k members × width.</summary>
/// <param name="Name">Layer name.</param>
/// <param name="Members">k.</param>
/// <param name="InputSize">in.</param>
/// <param name="OutputSize">out.</param>
/// <param name="Weight">[k, in, out].</param>
/// <param name="Bias">[k, out].</param>
public sealed record LinearEnsembleLayer(string Name, int Members, int InputSize, int OutputSize, float[] Weight, float[] Bias)
    : SnapshotLayer(Name), ITabularSnapshotLayer
{
    int ITabularSnapshotLayer.InputWidth => Members * InputSize;
    int ITabularSnapshotLayer.OutputWidth => Members * OutputSize;
    void ITabularSnapshotLayer.Validate() => Validate();

    internal void Validate()
    {
        SnapshotArrays.CheckLength(Name, nameof(Weight), Weight, (long)Members * InputSize * OutputSize);
        SnapshotArrays.CheckLength(Name, nameof(Bias), Bias, (long)Members * OutputSize);
    }
}
