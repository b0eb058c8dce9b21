using Microsoft.ML.Dropout.Export;

namespace Microsoft.ML.Dropout.Tabular.Embeddings;

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
    float[] Frequencies, float[] Weight, float[] Bias, bool Relu) : SnapshotLayer(Name), ITabularLayer
{
    /// <summary>2π rounded to float: the factor applied to the frequencies (as TorchSharp's float multiply does).</summary>
    internal const float TwoPi = (float)(2 * Math.PI);

    /// <summary>Output width: E·d + (F − E).</summary>
    public int OutputWidth => EmbeddedFeatures.Length * EmbeddingDimension + FeatureCount - EmbeddedFeatures.Length;

    int ITabularLayer.InputWidth => FeatureCount;

    internal void Validate()
    {
        LayerArrays.CheckFeatures(Name, EmbeddedFeatures, FeatureCount);
        OptionGuard.AtLeast(FrequencyCount, 1, "PeriodicFrequencies");
        OptionGuard.AtLeast(EmbeddingDimension, 1, "EmbeddingDimension");
        int e = EmbeddedFeatures.Length;
        LayerArrays.CheckLength(Name, nameof(Frequencies), Frequencies, (long)e * FrequencyCount);
        LayerArrays.CheckLength(Name, nameof(Weight), Weight, (long)e * 2 * FrequencyCount * EmbeddingDimension);
        LayerArrays.CheckLength(Name, nameof(Bias), Bias, (long)e * EmbeddingDimension);
    }

    /// <summary>[E, K] the angular frequencies 2π·W, rounded to float.</summary>
    internal float[] AngularFrequencies() => Frequencies.Select(w => w * TwoPi).ToArray();

    float[] ITabularLayer.Forward(float[] rows, int rowCount)
    {
        Validate();
        int e = EmbeddedFeatures.Length, k = FrequencyCount, d = EmbeddingDimension;
        float[] omega = AngularFrequencies();
        float[] x = EmbeddingColumns.Gather(rows, rowCount, FeatureCount, EmbeddedFeatures);
        var embedded = new float[(long)rowCount * e * d];
        var v = new double[2 * k];
        var y = new double[d];
        for (int r = 0; r < rowCount; r++)
            for (int f = 0; f < e; f++)
            {
                float value = x[(long)r * e + f];
                for (int i = 0; i < k; i++)
                {
                    float angle = omega[f * k + i] * value;
                    v[i] = (float)Math.Cos(angle);
                    v[k + i] = (float)Math.Sin(angle);
                }
                for (int j = 0; j < d; j++)
                    y[j] = Bias[f * d + j];
                long w = (long)f * 2 * k * d;
                for (int i = 0; i < 2 * k; i++)
                    for (int j = 0; j < d; j++)
                        y[j] += v[i] * Weight[w + i * d + j];
                long o = ((long)r * e + f) * d;
                for (int j = 0; j < d; j++)
                    embedded[o + j] = (float)(Relu ? Math.Max(0, y[j]) : y[j]);
            }
        return EmbeddingColumns.Concat(embedded, e * d, rows, rowCount, FeatureCount, EmbeddingColumns.Passthrough(EmbeddedFeatures, FeatureCount));
    }

    string ITabularLayer.EmitOnnx(OnnxGraphBuilder g, string input)
    {
        Validate();
        string n = Name;
        int e = EmbeddedFeatures.Length, k = FrequencyCount, d = EmbeddingDimension;
        string x = EmbeddingColumns.Gather(g, $"{n}.embedded", input, EmbeddedFeatures);
        string column = g.AddNode("Unsqueeze", $"{n}.column", new[] { x, g.AddInt64Initializer($"{n}.axis2", new[] { 2L }, 1) });
        string angle = g.AddNode("Mul", $"{n}.angle", new[] { column, g.AddInitializer($"{n}.angular_frequencies", AngularFrequencies(), e, k) });
        string cos = g.AddNode("Cos", $"{n}.cos", new[] { angle });
        string sin = g.AddNode("Sin", $"{n}.sin", new[] { angle });
        string periodic = g.AddNode("Concat", $"{n}.periodic", new[] { cos, sin }, null, OnnxAttribute.Int("axis", 2));
        string y = PerFeatureLinear.Emit(g, $"{n}.linear", periodic, Weight, Bias, e, 2 * k, d);
        if (Relu)
            y = g.AddNode("Relu", $"{n}.relu", new[] { y });
        return EmbeddingColumns.Concat(g, n, y, e * d, input, EmbeddingColumns.Passthrough(EmbeddedFeatures, FeatureCount));
    }
}
