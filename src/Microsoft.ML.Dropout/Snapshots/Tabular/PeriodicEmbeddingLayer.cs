namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>
/// Periodic embeddings as plain arrays. For embedded feature e with value x: a_k = (2π·W[e, k])·x (float, in this
/// order), v = [cos a_1 … cos a_K, sin a_1 … sin a_K], y = v·Weight[e] + Bias[e], then ReLU when <see cref="Relu"/>
/// ("PLR"; without it "PL"). A "lite" module's shared linear layer is stored expanded, one copy per feature.
/// Output row: [y of every embedded feature (E·d values), the non-embedded columns in order].
/// </summary>
/// <param name="Name">Layer name, e.g. "embedding".</param>
/// <param name="FeatureCount">Input width F.</param>
/// <param name="EmbeddedFeatures">The E embedded columns, each in [0, F) once.</param>
/// <param name="FrequencyCount">Frequencies per feature K.</param>
/// <param name="EmbeddingDimension">Values per embedded feature d.</param>
/// <param name="Frequencies">[E, K] the frequencies W (without 2π).</param>
/// <param name="Weight">[E, 2K, d] per-feature linear weights (rows: cos terms, then sin terms).</param>
/// <param name="Bias">[E, d] per-feature biases.</param>
/// <param name="Relu">Whether ReLU follows the linear layer.</param>
public sealed record PeriodicEmbeddingLayer(
    string Name, int FeatureCount, int[] EmbeddedFeatures, int FrequencyCount, int EmbeddingDimension,
    float[] Frequencies, float[] Weight, float[] Bias, bool Relu) : SnapshotLayer(Name), ITabularSnapshotLayer
{
    /// <summary>2π rounded to float: the factor applied to the frequencies (as TorchSharp's float multiply does).</summary>
    internal const float TwoPi = (float)(2 * Math.PI);

    /// <summary>Output width: E·d + (F − E).</summary>
    public int OutputWidth => EmbeddedFeatures.Length * EmbeddingDimension + FeatureCount - EmbeddedFeatures.Length;

    int ITabularSnapshotLayer.InputWidth => FeatureCount;
    void ITabularSnapshotLayer.Validate() => Validate();

    internal void Validate()
    {
        TabularColumns.CheckFeatures(Name, EmbeddedFeatures, FeatureCount);
        OptionGuard.AtLeast(FrequencyCount, 1, "PeriodicFrequencies");
        OptionGuard.AtLeast(EmbeddingDimension, 1, "EmbeddingDimension");
        int e = EmbeddedFeatures.Length;
        SnapshotArrays.CheckLength(Name, nameof(Frequencies), Frequencies, (long)e * FrequencyCount);
        SnapshotArrays.CheckLength(Name, nameof(Weight), Weight, (long)e * 2 * FrequencyCount * EmbeddingDimension);
        SnapshotArrays.CheckLength(Name, nameof(Bias), Bias, (long)e * EmbeddingDimension);
    }

    /// <summary>[E, K] the angular frequencies 2π·W, rounded to float.</summary>
    internal float[] AngularFrequencies() => Frequencies.Select(w => w * TwoPi).ToArray();
}
