namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>
/// A BatchEnsemble linear layer (TabM) as plain arrays: member i maps its row x_i to
/// y_i = S[i] ⊙ (Weight·(R[i] ⊙ x_i)) + Bias[i]. Rows are k members × width.
/// </summary>
/// <param name="Name">Layer name.</param>
/// <param name="Members">k.</param>
/// <param name="InputSize">in.</param>
/// <param name="OutputSize">out.</param>
/// <param name="Weight">[out, in] shared (TorchSharp Linear layout).</param>
/// <param name="R">[k, in] input adapters.</param>
/// <param name="S">[k, out] output adapters.</param>
/// <param name="Bias">[k, out].</param>
public sealed record BatchEnsembleLayer(string Name, int Members, int InputSize, int OutputSize,
    float[] Weight, float[] R, float[] S, float[] Bias) : SnapshotLayer(Name), ITabularSnapshotLayer
{
    int ITabularSnapshotLayer.InputWidth => Members * InputSize;
    int ITabularSnapshotLayer.OutputWidth => Members * OutputSize;
    void ITabularSnapshotLayer.Validate() => Validate();

    internal void Validate()
    {
        SnapshotArrays.CheckLength(Name, nameof(Weight), Weight, (long)OutputSize * InputSize);
        SnapshotArrays.CheckLength(Name, nameof(R), R, (long)Members * InputSize);
        SnapshotArrays.CheckLength(Name, nameof(S), S, (long)Members * OutputSize);
        SnapshotArrays.CheckLength(Name, nameof(Bias), Bias, (long)Members * OutputSize);
    }
}
