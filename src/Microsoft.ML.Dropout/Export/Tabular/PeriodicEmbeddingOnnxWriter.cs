using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Export.Tabular;

/// <summary>
/// ONNX nodes of a <see cref="PeriodicEmbeddingLayer"/>: Gather → Unsqueeze → Mul(2πW) → Cos, Sin → Concat →
/// per-feature MatMul + bias → Relu → Reshape/Concat with the passthrough columns.
/// </summary>
internal static class PeriodicEmbeddingOnnxWriter
{
    internal static string Write(OnnxGraphBuilder g, PeriodicEmbeddingLayer layer, string input)
    {
        layer.Validate();
        string n = layer.Name;
        int e = layer.EmbeddedFeatures.Length, k = layer.FrequencyCount, d = layer.EmbeddingDimension;
        string x = EmbeddedColumnsOnnxWriter.Gather(g, $"{n}.embedded", input, layer.EmbeddedFeatures);
        string column = g.AddNode("Unsqueeze", $"{n}.column", new[] { x, g.AddInt64Initializer($"{n}.axis2", new[] { 2L }, 1) });
        string angle = g.AddNode("Mul", $"{n}.angle", new[] { column, g.AddInitializer($"{n}.angular_frequencies", layer.AngularFrequencies(), e, k) });
        string cos = g.AddNode("Cos", $"{n}.cos", new[] { angle });
        string sin = g.AddNode("Sin", $"{n}.sin", new[] { angle });
        string periodic = g.AddNode("Concat", $"{n}.periodic", new[] { cos, sin }, null, OnnxAttribute.Int("axis", 2));
        string y = EmbeddedColumnsOnnxWriter.PerGroupLinear(g, $"{n}.linear", periodic, layer.Weight, layer.Bias, e, 2 * k, d);
        if (layer.Relu)
            y = g.AddNode("Relu", $"{n}.relu", new[] { y });
        return EmbeddedColumnsOnnxWriter.Concat(g, n, y, e * d, input, TabularColumns.Passthrough(layer.EmbeddedFeatures, layer.FeatureCount));
    }
}
