namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>
/// Piecewise-linear embeddings as plain arrays: for embedded feature f with value x and padded encoding
/// p ∈ ℝ^B (see <see cref="PiecewiseLinearEncodingLayer"/>), y = x·LinearWeight[f] + LinearBias[f] + p·Weight[f],
/// then ReLU when <see cref="Relu"/>. Output row: [y of every embedded feature (E·d), the other columns in order].
/// </summary>
/// <param name="Name">Layer name, e.g. "embedding".</param>
/// <param name="Encoding">The bins (its FeatureCount and EmbeddedFeatures are this layer's).</param>
/// <param name="EmbeddingDimension">d, values per embedded feature.</param>
/// <param name="LinearWeight">[E, d] the linear term's weights.</param>
/// <param name="LinearBias">[E, d] the biases.</param>
/// <param name="Weight">[E, B, d] the weights of the padded encoding slots.</param>
/// <param name="Relu">Whether ReLU follows.</param>
public sealed record PiecewiseLinearEmbeddingLayer(
    string Name, PiecewiseLinearEncodingLayer Encoding, int EmbeddingDimension,
    float[] LinearWeight, float[] LinearBias, float[] Weight, bool Relu) : SnapshotLayer(Name), ITabularSnapshotLayer
{
    /// <summary>Output width: E·d + (F − E).</summary>
    public int OutputWidth => Encoding.EmbeddedFeatures.Length * (EmbeddingDimension - 1) + Encoding.FeatureCount;

    int ITabularSnapshotLayer.InputWidth => Encoding.FeatureCount;
    void ITabularSnapshotLayer.Validate() => Validate();

    internal void Validate()
    {
        Encoding.Validate();
        OptionGuard.AtLeast(EmbeddingDimension, 1, "EmbeddingDimension");
        int e = Encoding.EmbeddedFeatures.Length;
        SnapshotArrays.CheckLength(Name, nameof(LinearWeight), LinearWeight, (long)e * EmbeddingDimension);
        SnapshotArrays.CheckLength(Name, nameof(LinearBias), LinearBias, (long)e * EmbeddingDimension);
        SnapshotArrays.CheckLength(Name, nameof(Weight), Weight, (long)e * Encoding.MaxBins * EmbeddingDimension);
    }
}
