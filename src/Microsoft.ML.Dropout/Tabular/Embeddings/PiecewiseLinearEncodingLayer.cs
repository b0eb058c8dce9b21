using Microsoft.ML.Dropout.Export;

namespace Microsoft.ML.Dropout.Tabular.Embeddings;

/// <summary>
/// The piecewise-linear encoding (Gorishniy et al. 2022, eq. 1) as plain arrays. A feature with edges
/// b_0 &lt; … &lt; b_T (T bins) encodes x as the T values e_t = (x − b_{t−1})/(b_t − b_{t−1}) clamped to [0, 1],
/// except that the first is only clamped above and the last only below, so values outside the training range
/// extrapolate linearly (a single-bin feature is not clamped at all): inside bin t the vector is
/// [1, …, 1, (x − b_{t−1})/(b_t − b_{t−1}), 0, …, 0]. Output row: the T values of every embedded feature in order,
/// then the non-embedded columns.
/// </summary>
/// <remarks>
/// Computed as rtdl_num_embeddings does, padded to B = the largest T: slots 0…T−2 hold the leading values, slot B−1
/// the last, padding slots are always 0 (the mask). Per slot: t = bias + weight·x, then max(t, lower), min(·, upper).
/// </remarks>
/// <param name="Name">Layer name, e.g. "encoding".</param>
/// <param name="FeatureCount">Input width F.</param>
/// <param name="EmbeddedFeatures">The E encoded columns, each in [0, F) once.</param>
/// <param name="Edges">Per encoded column, its strictly increasing bin edges (≥ 2 values).</param>
public sealed record PiecewiseLinearEncodingLayer(string Name, int FeatureCount, int[] EmbeddedFeatures, float[][] Edges)
    : SnapshotLayer(Name), ITabularLayer
{
    /// <summary>B, the largest number of bins of a feature.</summary>
    public int MaxBins => Edges.Max(e => e.Length - 1);

    /// <summary>Output width: Σ bins + (F − E).</summary>
    public int OutputWidth => Edges.Sum(e => e.Length - 1) + FeatureCount - EmbeddedFeatures.Length;

    int ITabularLayer.InputWidth => FeatureCount;

    internal void Validate()
    {
        LayerArrays.CheckFeatures(Name, EmbeddedFeatures, FeatureCount);
        if (Edges.Length != EmbeddedFeatures.Length)
            throw new ArgumentException($"Layer '{Name}': {Edges.Length} edge lists for {EmbeddedFeatures.Length} embedded features; give one list per feature.");
        for (int f = 0; f < Edges.Length; f++)
        {
            float[] e = Edges[f];
            bool increasing = e.Length >= 2 && e.Zip(e.Skip(1), (a, b) => b > a).All(ok => ok) && e.All(float.IsFinite);
            if (!increasing)
                throw new ArgumentException($"Layer '{Name}': the edges of embedded feature {f} must be ≥ 2 finite, strictly increasing values; recompute them with PiecewiseLinearBins.Compute.");
        }
    }

    /// <summary>The padded [E, B] weight, bias, lower and upper bounds, and the valid flat slots in output order.</summary>
    internal (float[] Weight, float[] Bias, float[] Lower, float[] Upper, int[] Valid) Coefficients()
    {
        int e = Edges.Length, bins = MaxBins;
        var weight = new float[e * bins];
        var bias = new float[e * bins];
        var lower = new float[e * bins];
        var upper = new float[e * bins];
        var valid = new List<int>();
        for (int f = 0; f < e; f++)
        {
            float[] edges = Edges[f];
            int count = edges.Length - 1;
            for (int t = 0; t < count; t++)
            {
                int slot = f * bins + (t < count - 1 ? t : bins - 1);
                float width = edges[t + 1] - edges[t];
                weight[slot] = 1f / width;
                bias[slot] = -edges[t] / width;
            }
            for (int s = 0; s < bins; s++)
            {
                int i = f * bins + s;
                bool first = s == 0, last = s == bins - 1;
                lower[i] = first || (last && count == 1) ? float.NegativeInfinity : 0f;
                upper[i] = last || (first && bins == 1) ? float.PositiveInfinity : 1f;
                if (s < count - 1 || last)
                    valid.Add(i);
            }
        }
        return (weight, bias, lower, upper, valid.ToArray());
    }

    /// <summary>Managed: the padded encoding [rows, E, B] of the gathered embedded values [rows, E].</summary>
    internal float[] EncodePadded(float[] x, int rowCount)
    {
        var (weight, bias, lower, upper, _) = Coefficients();
        int e = Edges.Length, bins = MaxBins;
        var encoded = new float[(long)rowCount * e * bins];
        for (int r = 0; r < rowCount; r++)
            for (int f = 0; f < e; f++)
            {
                float value = x[(long)r * e + f];
                for (int s = 0; s < bins; s++)
                {
                    int i = f * bins + s;
                    float t = bias[i] + weight[i] * value;
                    encoded[((long)r * e + f) * bins + s] = Math.Min(Math.Max(t, lower[i]), upper[i]);
                }
            }
        return encoded;
    }

    /// <summary>ONNX: the padded encoding [N, E, B] of the gathered embedded values [N, E].</summary>
    internal string EmitPadded(OnnxGraphBuilder g, string name, string x)
    {
        var (weight, bias, lower, upper, _) = Coefficients();
        int e = Edges.Length, bins = MaxBins;
        string column = g.AddNode("Unsqueeze", $"{name}.column", new[] { x, g.AddInt64Initializer($"{name}.axis2", new[] { 2L }, 1) });
        string scaled = g.AddNode("Mul", $"{name}.scaled", new[] { column, g.AddInitializer($"{name}.weight", weight, e, bins) });
        string shifted = g.AddNode("Add", $"{name}.shifted", new[] { scaled, g.AddInitializer($"{name}.bias", bias, e, bins) });
        string low = g.AddNode("Max", $"{name}.lower_clamped", new[] { shifted, g.AddInitializer($"{name}.lower", lower, e, bins) });
        return g.AddNode("Min", $"{name}.encoded", new[] { low, g.AddInitializer($"{name}.upper", upper, e, bins) });
    }

    float[] ITabularLayer.Forward(float[] rows, int rowCount)
    {
        Validate();
        int[] valid = Coefficients().Valid;
        int e = Edges.Length, bins = MaxBins;
        float[] padded = EncodePadded(EmbeddingColumns.Gather(rows, rowCount, FeatureCount, EmbeddedFeatures), rowCount);
        var encoded = new float[(long)rowCount * valid.Length];
        for (int r = 0; r < rowCount; r++)
            for (int v = 0; v < valid.Length; v++)
                encoded[(long)r * valid.Length + v] = padded[(long)r * e * bins + valid[v]];
        return EmbeddingColumns.Concat(encoded, valid.Length, rows, rowCount, FeatureCount, EmbeddingColumns.Passthrough(EmbeddedFeatures, FeatureCount));
    }

    string ITabularLayer.EmitOnnx(OnnxGraphBuilder g, string input)
    {
        Validate();
        string n = Name;
        int[] valid = Coefficients().Valid;
        int e = Edges.Length, bins = MaxBins;
        string x = EmbeddingColumns.Gather(g, $"{n}.embedded", input, EmbeddedFeatures);
        string padded = EmitPadded(g, n, x);
        string flat = g.AddNode("Reshape", $"{n}.padded_flat", new[] { padded, g.AddInt64Initializer($"{n}.padded_shape", new long[] { -1, (long)e * bins }, 2) });
        string encoded = EmbeddingColumns.Gather(g, $"{n}.valid", flat, valid);
        return EmbeddingColumns.Concat(g, n, encoded, valid.Length, input, EmbeddingColumns.Passthrough(EmbeddedFeatures, FeatureCount));
    }
}
