namespace Microsoft.ML.Dropout.Export.Tabular;

/// <summary>ONNX nodes gathering the embedded columns and concatenating [embeddings, passthrough columns].</summary>
internal static class EmbeddedColumnsOnnxWriter
{
    /// <summary>Gather(axis 1) of the columns: [N, F] → [N, E].</summary>
    internal static string Gather(OnnxGraphBuilder g, string name, string x, int[] columns) =>
        g.AddNode("Gather", name, new[] { x, g.AddInt64Initializer($"{name}.columns", columns.Select(c => (long)c).ToArray(), columns.Length) }, null,
            OnnxAttribute.Int("axis", 1));

    /// <summary>Reshape the embedding to [N, width] and Concat the passthrough columns of <paramref name="x"/>.</summary>
    internal static string Concat(OnnxGraphBuilder g, string name, string embedded, int width, string x, int[] passthrough)
    {
        string flat = g.AddNode("Reshape", $"{name}.flat", new[] { embedded, g.AddInt64Initializer($"{name}.flat_shape", new long[] { -1, width }, 2) });
        if (passthrough.Length == 0)
            return flat;
        string rest = Gather(g, $"{name}.passthrough", x, passthrough);
        return g.AddNode("Concat", name, new[] { flat, rest }, null, OnnxAttribute.Int("axis", 1));
    }

    /// <summary>
    /// E (or k) separate linear layers applied in parallel, [N, E, in] → [N, E, out]: Transpose → MatMul with
    /// weights [E, in, out] → Transpose (→ Add biases [E, out] when given).
    /// </summary>
    internal static string PerGroupLinear(OnnxGraphBuilder g, string name, string x, float[] weight, float[]? bias, int groups, int inputs, int outputs)
    {
        string byGroup = g.AddNode("Transpose", $"{name}.by_group", new[] { x }, null, OnnxAttribute.Ints("perm", 1, 0, 2));
        string w = g.AddInitializer($"{name}.weight", weight, groups, inputs, outputs);
        string product = g.AddNode("MatMul", $"{name}.matmul", new[] { byGroup, w });
        string y = g.AddNode("Transpose", $"{name}.by_row", new[] { product }, null, OnnxAttribute.Ints("perm", 1, 0, 2));
        return bias is null ? y : g.AddNode("Add", name, new[] { y, g.AddInitializer($"{name}.bias", bias, groups, outputs) });
    }
}
