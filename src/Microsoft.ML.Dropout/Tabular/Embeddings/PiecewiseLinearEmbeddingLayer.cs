using Microsoft.ML.Dropout.Export;

namespace Microsoft.ML.Dropout.Tabular.Embeddings;

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
    float[] LinearWeight, float[] LinearBias, float[] Weight, bool Relu) : SnapshotLayer(Name), ITabularLayer
{
    /// <summary>Output width: E·d + (F − E).</summary>
    public int OutputWidth => Encoding.EmbeddedFeatures.Length * (EmbeddingDimension - 1) + Encoding.FeatureCount;

    int ITabularLayer.InputWidth => Encoding.FeatureCount;

    internal void Validate()
    {
        Encoding.Validate();
        OptionGuard.AtLeast(EmbeddingDimension, 1, "EmbeddingDimension");
        int e = Encoding.EmbeddedFeatures.Length;
        LayerArrays.CheckLength(Name, nameof(LinearWeight), LinearWeight, (long)e * EmbeddingDimension);
        LayerArrays.CheckLength(Name, nameof(LinearBias), LinearBias, (long)e * EmbeddingDimension);
        LayerArrays.CheckLength(Name, nameof(Weight), Weight, (long)e * Encoding.MaxBins * EmbeddingDimension);
    }

    float[] ITabularLayer.Forward(float[] rows, int rowCount)
    {
        Validate();
        int f = Encoding.FeatureCount, e = Encoding.EmbeddedFeatures.Length, bins = Encoding.MaxBins, d = EmbeddingDimension;
        float[] x = EmbeddingColumns.Gather(rows, rowCount, f, Encoding.EmbeddedFeatures);
        float[] padded = Encoding.EncodePadded(x, rowCount);
        var embedded = new float[(long)rowCount * e * d];
        var y = new double[d];
        for (int r = 0; r < rowCount; r++)
            for (int k = 0; k < e; k++)
            {
                float value = x[(long)r * e + k];
                for (int j = 0; j < d; j++)
                    y[j] = (double)value * LinearWeight[k * d + j] + LinearBias[k * d + j];
                long p = ((long)r * e + k) * bins;
                for (int s = 0; s < bins; s++)
                {
                    double ps = padded[p + s];
                    if (ps == 0) continue;
                    long w = ((long)k * bins + s) * d;
                    for (int j = 0; j < d; j++)
                        y[j] += ps * Weight[w + j];
                }
                long o = ((long)r * e + k) * d;
                for (int j = 0; j < d; j++)
                    embedded[o + j] = (float)(Relu ? Math.Max(0, y[j]) : y[j]);
            }
        return EmbeddingColumns.Concat(embedded, e * d, rows, rowCount, f, EmbeddingColumns.Passthrough(Encoding.EmbeddedFeatures, f));
    }

    string ITabularLayer.EmitOnnx(OnnxGraphBuilder g, string input)
    {
        Validate();
        string n = Name;
        int e = Encoding.EmbeddedFeatures.Length, bins = Encoding.MaxBins, d = EmbeddingDimension;
        string x = EmbeddingColumns.Gather(g, $"{n}.embedded", input, Encoding.EmbeddedFeatures);
        string column = g.AddNode("Unsqueeze", $"{n}.column", new[] { x, g.AddInt64Initializer($"{n}.axis2", new[] { 2L }, 1) });
        string linear = g.AddNode("Mul", $"{n}.linear_scaled", new[] { column, g.AddInitializer($"{n}.linear_weight", LinearWeight, e, d) });
        linear = g.AddNode("Add", $"{n}.linear", new[] { linear, g.AddInitializer($"{n}.linear_bias", LinearBias, e, d) });
        string padded = Encoding.EmitPadded(g, $"{n}.encoding", x);
        string piecewise = PerFeatureLinear.Emit(g, $"{n}.piecewise", padded, Weight, null, e, bins, d);
        string y = g.AddNode("Add", $"{n}.sum", new[] { linear, piecewise });
        if (Relu)
            y = g.AddNode("Relu", $"{n}.relu", new[] { y });
        return EmbeddingColumns.Concat(g, n, y, e * d, input, EmbeddingColumns.Passthrough(Encoding.EmbeddedFeatures, Encoding.FeatureCount));
    }
}
