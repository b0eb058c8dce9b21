using Microsoft.ML.Dropout.Inference.Tabular;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Export.Tabular;

/// <summary>
/// ONNX nodes of a piecewise-linear embedding (without ReLU) folded into the dense layer that reads it, as managed
/// scoring evaluates it (<see cref="PiecewiseLinearFoldedDense"/>, tables from <see cref="PiecewiseLinearFoldTables"/>),
/// vectorized over the E embedded features: the bin t = clamp(Σ_i [edge_i ≤ x] − 1) over each feature's edges but
/// the last (padded with +∞ to B), the flat index f·B + t, frac = clamp(bias + weight·x) of that bin's slot, then
/// ReduceSum over f of (Gather(P) + frac·Gather(M)) [N, E, H], plus x_E·A, plus the passthrough columns' Gemm with
/// the folded bias. Per row this reads 2·E table rows of H values instead of encoding E·B slots and multiplying an
/// (E·d)-wide dense layer.
/// </summary>
internal static class PiecewiseLinearFoldedOnnxWriter
{
    /// <summary>Adds the folded nodes reading the layer input <paramref name="input"/> [N, F]; returns the dense layer's output [N, H].</summary>
    /// <exception cref="ArgumentException">The pair cannot be folded, or the embedding's arrays do not fit its shape.</exception>
    internal static string Write(OnnxGraphBuilder g, PiecewiseLinearEmbeddingLayer embedding, DenseLayer dense, string input)
    {
        var tables = PiecewiseLinearFoldTables.Build(embedding, dense);
        var encoding = embedding.Encoding;
        string n = $"{embedding.Name}.folded";
        int e = encoding.EmbeddedFeatures.Length, bins = tables.MaxBins, h = tables.OutputSize;
        var (slotWeight, slotBias, slotLower, slotUpper, _) = encoding.Coefficients();

        // Per flat bin f·B + t: its edge (+∞ beyond the feature's bins but the last edge), last bin, and slot coefficients.
        var edges = new float[e * bins];
        var binWeight = new float[e * bins];
        var binBias = new float[e * bins];
        var binLower = new float[e * bins];
        var binUpper = new float[e * bins];
        var lastBin = new long[e];
        var offset = new long[e];
        for (int k = 0; k < e; k++)
        {
            int count = encoding.Edges[k].Length - 1;
            lastBin[k] = count - 1;
            offset[k] = (long)k * bins;
            for (int t = 0; t < bins; t++)
            {
                int i = k * bins + t;
                edges[i] = t < count ? encoding.Edges[k][t] : float.PositiveInfinity;
                if (t >= count) continue;
                int slot = k * bins + PiecewiseLinearFoldTables.Slot(t, count, bins);
                binWeight[i] = slotWeight[slot];
                binBias[i] = slotBias[slot];
                binLower[i] = slotLower[slot];
                binUpper[i] = slotUpper[slot];
            }
        }

        string x = EmbeddedColumnsOnnxWriter.Gather(g, $"{n}.embedded", input, encoding.EmbeddedFeatures);
        string column = g.AddNode("Unsqueeze", $"{n}.column", new[] { x, g.AddInt64Initializer($"{n}.axis2", new[] { 2L }, 1) });
        string atMost = g.AddNode("LessOrEqual", $"{n}.edge_at_most", new[] { g.AddInitializer($"{n}.edges", edges, e, bins), column });
        string counted = g.AddNode("Cast", $"{n}.edge_at_most_int", new[] { atMost }, null, OnnxAttribute.Int("to", OnnxGraphBuilder.ElementInt64));
        string edgeCount = g.AddNode("ReduceSum", $"{n}.edge_count", new[] { counted, g.AddInt64Initializer($"{n}.edge_axis", new[] { 2L }, 1) }, null,
            OnnxAttribute.Int("keepdims", 0));
        string below = g.AddNode("Sub", $"{n}.bin_unclamped", new[] { edgeCount, g.AddInt64Initializer($"{n}.one", new[] { 1L }) });
        string low = g.AddNode("Max", $"{n}.bin_at_least_0", new[] { below, g.AddInt64Initializer($"{n}.zero", new[] { 0L }) });
        string bin = g.AddNode("Min", $"{n}.bin", new[] { low, g.AddInt64Initializer($"{n}.last_bin", lastBin, e) });
        string index = g.AddNode("Add", $"{n}.flat_bin", new[] { bin, g.AddInt64Initializer($"{n}.feature_offset", offset, e) });

        string Lookup(string name, float[] values) => g.AddNode("Gather", $"{n}.{name}", new[] { g.AddInitializer($"{n}.{name}_table", values, e * bins), index });
        string scaled = g.AddNode("Mul", $"{n}.slot_scaled", new[] { Lookup("slot_weight", binWeight), x });
        string shifted = g.AddNode("Add", $"{n}.slot_shifted", new[] { Lookup("slot_bias", binBias), scaled });
        string lowerClamped = g.AddNode("Max", $"{n}.frac_lower", new[] { shifted, Lookup("slot_lower", binLower) });
        string frac = g.AddNode("Min", $"{n}.frac", new[] { lowerClamped, Lookup("slot_upper", binUpper) });

        string prefix = g.AddNode("Gather", $"{n}.prefix", new[] { g.AddInitializer($"{n}.prefix_table", tables.Prefix, (long)e * bins, h), index });
        string slope = g.AddNode("Gather", $"{n}.slope", new[] { g.AddInitializer($"{n}.slope_table", tables.Slope, (long)e * bins, h), index });
        string fracColumn = g.AddNode("Unsqueeze", $"{n}.frac_column", new[] { frac, g.AddInt64Initializer($"{n}.frac_axis2", new[] { 2L }, 1) });
        string rise = g.AddNode("Mul", $"{n}.rise", new[] { slope, fracColumn });
        string perFeature = g.AddNode("Add", $"{n}.per_feature", new[] { prefix, rise });
        string piecewise = g.AddNode("ReduceSum", $"{n}.piecewise", new[] { perFeature, g.AddInt64Initializer($"{n}.feature_axis", new[] { 1L }, 1) }, null,
            OnnxAttribute.Int("keepdims", 0));
        string linear = g.AddNode("MatMul", $"{n}.linear", new[] { x, g.AddInitializer($"{n}.linear_weight", tables.Linear, e, h) });
        string y = g.AddNode("Add", $"{n}.embedded_sum", new[] { piecewise, linear });

        string bias = g.AddInitializer($"{n}.bias", tables.Bias, h);
        if (tables.Passthrough.Length == 0)
            return g.AddNode("Add", dense.Name, new[] { y, bias });
        string rest = EmbeddedColumnsOnnxWriter.Gather(g, $"{n}.passthrough", input, tables.Passthrough);
        string passthroughWeight = g.AddInitializer($"{n}.passthrough_weight", tables.PassthroughWeight, h, tables.Passthrough.Length);
        string passthrough = g.AddNode("Gemm", $"{n}.passthrough_dense", new[] { rest, passthroughWeight, bias }, null, OnnxAttribute.Int("transB", 1));
        return g.AddNode("Add", dense.Name, new[] { y, passthrough });
    }
}
