using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Export.Tabular;

/// <summary>
/// ONNX nodes of <see cref="PiecewiseLinearEncodingLayer"/> and <see cref="PiecewiseLinearEmbeddingLayer"/>: the
/// padded encoding is Unsqueeze → Mul(weight) → Add(bias) → Max(lower) → Min(upper) with per-slot bound tensors
/// (∓float.MaxValue where a slot is not clamped).
/// </summary>
internal static class PiecewiseLinearOnnxWriter
{
    /// <summary>The padded encoding [N, E, B] of the gathered embedded values [N, E].</summary>
    internal static string EncodePadded(OnnxGraphBuilder g, PiecewiseLinearEncodingLayer layer, string name, string x)
    {
        var (weight, bias, lower, upper, _) = layer.Coefficients();
        int e = layer.Edges.Length, bins = layer.MaxBins;
        string column = g.AddNode("Unsqueeze", $"{name}.column", new[] { x, g.AddInt64Initializer($"{name}.axis2", new[] { 2L }, 1) });
        string scaled = g.AddNode("Mul", $"{name}.scaled", new[] { column, g.AddInitializer($"{name}.weight", weight, e, bins) });
        string shifted = g.AddNode("Add", $"{name}.shifted", new[] { scaled, g.AddInitializer($"{name}.bias", bias, e, bins) });
        string low = g.AddNode("Max", $"{name}.lower_clamped", new[] { shifted, g.AddInitializer($"{name}.lower", lower, e, bins) });
        return g.AddNode("Min", $"{name}.encoded", new[] { low, g.AddInitializer($"{name}.upper", upper, e, bins) });
    }

    /// <summary>The encoding: the valid slots gathered from the flattened padded encoding, then the passthrough columns.</summary>
    internal static string WriteEncoding(OnnxGraphBuilder g, PiecewiseLinearEncodingLayer layer, string input)
    {
        layer.Validate();
        string n = layer.Name;
        int[] valid = layer.Coefficients().Valid;
        int e = layer.Edges.Length, bins = layer.MaxBins;
        string x = EmbeddedColumnsOnnxWriter.Gather(g, $"{n}.embedded", input, layer.EmbeddedFeatures);
        string padded = EncodePadded(g, layer, n, x);
        string flat = g.AddNode("Reshape", $"{n}.padded_flat", new[] { padded, g.AddInt64Initializer($"{n}.padded_shape", new long[] { -1, (long)e * bins }, 2) });
        string encoded = EmbeddedColumnsOnnxWriter.Gather(g, $"{n}.valid", flat, valid);
        return EmbeddedColumnsOnnxWriter.Concat(g, n, encoded, valid.Length, input, TabularColumns.Passthrough(layer.EmbeddedFeatures, layer.FeatureCount));
    }

    /// <summary>The embedding: x·w + b plus the per-feature MatMul of the padded encoding, optional Relu, passthrough.</summary>
    internal static string WriteEmbedding(OnnxGraphBuilder g, PiecewiseLinearEmbeddingLayer layer, string input)
    {
        layer.Validate();
        string n = layer.Name;
        var encoding = layer.Encoding;
        int e = encoding.EmbeddedFeatures.Length, bins = encoding.MaxBins, d = layer.EmbeddingDimension;
        string x = EmbeddedColumnsOnnxWriter.Gather(g, $"{n}.embedded", input, encoding.EmbeddedFeatures);
        string column = g.AddNode("Unsqueeze", $"{n}.column", new[] { x, g.AddInt64Initializer($"{n}.axis2", new[] { 2L }, 1) });
        string linear = g.AddNode("Mul", $"{n}.linear_scaled", new[] { column, g.AddInitializer($"{n}.linear_weight", layer.LinearWeight, e, d) });
        linear = g.AddNode("Add", $"{n}.linear", new[] { linear, g.AddInitializer($"{n}.linear_bias", layer.LinearBias, e, d) });
        string padded = EncodePadded(g, encoding, $"{n}.encoding", x);
        string piecewise = EmbeddedColumnsOnnxWriter.PerGroupLinear(g, $"{n}.piecewise", padded, layer.Weight, null, e, bins, d);
        string y = g.AddNode("Add", $"{n}.sum", new[] { linear, piecewise });
        if (layer.Relu)
            y = g.AddNode("Relu", $"{n}.relu", new[] { y });
        return EmbeddedColumnsOnnxWriter.Concat(g, n, y, e * d, input, TabularColumns.Passthrough(encoding.EmbeddedFeatures, encoding.FeatureCount));
    }
}
