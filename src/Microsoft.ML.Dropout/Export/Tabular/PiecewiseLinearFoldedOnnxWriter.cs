using Microsoft.ML.Dropout.Inference.Tabular;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Export.Tabular;

/// <summary>
/// ONNX nodes of a piecewise-linear embedding (without ReLU) folded into the dense layer that reads it, as managed
/// scoring evaluates it (<see cref="PiecewiseLinearFoldedDense"/>, tables from <see cref="PiecewiseLinearFoldTables"/>),
/// vectorized over the E embedded features: the bin t = Σ_i [edge_i ≤ x] over each feature's inner edges (padded
/// with +∞), the flat index f·B + t, frac = clamp(bias + weight·x) of that bin's slot, then
/// 1ᵀ·Gather(P) + fracᵀ·Gather(M) (batched MatMuls over [N, E, H]), plus x_E·A, plus the passthrough columns' Gemm
/// with the folded bias. Per row this reads 2·E table rows of H values instead of encoding E·B slots and
/// multiplying an (E·d)-wide dense layer; no ReduceSum (slow in ONNX Runtime on small tensors).
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

        // Per flat bin f·B + t: the bin's slot coefficients; per feature, its inner edges (all but the first and the
        // last, padded with +∞ to B − 1), whose count at most x is the bin t (0 below the second edge and for NaN,
        // the last bin from the last inner edge on: values outside the edges extrapolate in the first or last bin).
        int inner = Math.Max(bins - 1, 1);
        var innerEdges = new float[e * inner];
        Array.Fill(innerEdges, float.PositiveInfinity);
        var binWeight = new float[e * bins];
        var binBias = new float[e * bins];
        var binLower = new float[e * bins];
        var binUpper = new float[e * bins];
        var offset = new float[e];
        for (int k = 0; k < e; k++)
        {
            int count = encoding.Edges[k].Length - 1;
            offset[k] = k * bins;
            for (int t = 0; t < count; t++)
            {
                if (t > 0)
                    innerEdges[k * inner + t - 1] = encoding.Edges[k][t];
                int i = k * bins + t, slot = k * bins + PiecewiseLinearFoldTables.Slot(t, count, bins);
                binWeight[i] = slotWeight[slot];
                binBias[i] = slotBias[slot];
                binLower[i] = slotLower[slot];
                binUpper[i] = slotUpper[slot];
            }
        }

        // The flat bin index f·B + t [N, E]: a MatMul with ones counts the inner edges at most x (exact in float).
        string x = EmbeddedColumnsOnnxWriter.Gather(g, $"{n}.embedded", input, encoding.EmbeddedFeatures);
        string column = g.AddNode("Unsqueeze", $"{n}.column", new[] { x, g.AddInt64Initializer($"{n}.axis2", new[] { 2L }, 1) });
        string atMost = g.AddNode("LessOrEqual", $"{n}.edge_at_most", new[] { g.AddInitializer($"{n}.inner_edges", innerEdges, e, inner), column });
        string atMostFloat = g.AddNode("Cast", $"{n}.edge_at_most_float", new[] { atMost }, null, OnnxAttribute.Int("to", OnnxGraphBuilder.ElementFloat));
        string bin = g.AddNode("MatMul", $"{n}.bin", new[] { atMostFloat, g.AddInitializer($"{n}.ones_inner", Enumerable.Repeat(1f, inner).ToArray(), inner) });
        string flatFloat = g.AddNode("Add", $"{n}.flat_bin_float", new[] { bin, g.AddInitializer($"{n}.feature_offset", offset, e) });
        string index = g.AddNode("Cast", $"{n}.flat_bin", new[] { flatFloat }, null, OnnxAttribute.Int("to", OnnxGraphBuilder.ElementInt64));

        // frac = clamp(bias + weight·x) of the bin's slot, as the encoding computes it.
        string Lookup(string name, float[] values) => g.AddNode("Gather", $"{n}.{name}", new[] { g.AddInitializer($"{n}.{name}_table", values, e * bins), index });
        string scaled = g.AddNode("Mul", $"{n}.slot_scaled", new[] { Lookup("slot_weight", binWeight), x });
        string shifted = g.AddNode("Add", $"{n}.slot_shifted", new[] { Lookup("slot_bias", binBias), scaled });
        string lowerClamped = g.AddNode("Max", $"{n}.frac_lower", new[] { shifted, Lookup("slot_lower", binLower) });
        string frac = g.AddNode("Min", $"{n}.frac", new[] { lowerClamped, Lookup("slot_upper", binUpper) });

        // Σ_f P_f[t] + frac_f·M_f[t] as two batched MatMuls over the gathered rows [N, E, H] → [N, 1, H], then + x·A.
        string prefix = g.AddNode("Gather", $"{n}.prefix", new[] { g.AddInitializer($"{n}.prefix_table", tables.Prefix, (long)e * bins, h), index });
        string slope = g.AddNode("Gather", $"{n}.slope", new[] { g.AddInitializer($"{n}.slope_table", tables.Slope, (long)e * bins, h), index });
        string prefixSum = g.AddNode("MatMul", $"{n}.prefix_sum", new[] { g.AddInitializer($"{n}.ones_features", Enumerable.Repeat(1f, e).ToArray(), 1, e), prefix });
        string fracRow = g.AddNode("Unsqueeze", $"{n}.frac_row", new[] { frac, g.AddInt64Initializer($"{n}.axis1", new[] { 1L }, 1) });
        string rise = g.AddNode("MatMul", $"{n}.rise", new[] { fracRow, slope });
        string piecewise = g.AddNode("Add", $"{n}.piecewise_row", new[] { prefixSum, rise });
        piecewise = g.AddNode("Reshape", $"{n}.piecewise", new[] { piecewise, g.AddInt64Initializer($"{n}.piecewise_shape", new long[] { -1, h }, 2) });
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
