using Microsoft.ML.Dropout.Export;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tabular.Embeddings;

/// <summary>
/// The column bookkeeping every numeric embedding shares: it embeds the columns listed in EmbeddedFeatures and
/// appends the others unchanged. Output row = [embedding of EmbeddedFeatures[0], …, of EmbeddedFeatures[E−1],
/// the remaining columns in their original order].
/// </summary>
internal static class EmbeddingColumns
{
    /// <summary>The columns that are not embedded, ascending.</summary>
    internal static int[] Passthrough(int[] embedded, int featureCount) =>
        Enumerable.Range(0, featureCount).Except(embedded).ToArray();

    /// <summary>Managed: the embedded columns of every row, [rows, E].</summary>
    internal static float[] Gather(float[] rows, int rowCount, int featureCount, int[] columns)
    {
        var result = new float[(long)rowCount * columns.Length];
        for (int r = 0; r < rowCount; r++)
            for (int e = 0; e < columns.Length; e++)
                result[(long)r * columns.Length + e] = rows[(long)r * featureCount + columns[e]];
        return result;
    }

    /// <summary>Managed: [embedded (rows × width), passthrough columns of the input].</summary>
    internal static float[] Concat(float[] embedded, int width, float[] rows, int rowCount, int featureCount, int[] passthrough)
    {
        int outWidth = width + passthrough.Length;
        var result = new float[(long)rowCount * outWidth];
        for (int r = 0; r < rowCount; r++)
        {
            Array.Copy(embedded, (long)r * width, result, (long)r * outWidth, width);
            for (int p = 0; p < passthrough.Length; p++)
                result[(long)r * outWidth + width + p] = rows[(long)r * featureCount + passthrough[p]];
        }
        return result;
    }

    /// <summary>TorchSharp: [N, F] → [N, E] (the embedded columns).</summary>
    internal static Tensor Gather(Tensor x, Tensor columns) => x.index_select(1, columns);

    /// <summary>TorchSharp: cat([embedded flattened to [N, E·d], passthrough columns], 1).</summary>
    internal static Tensor Concat(Tensor embedded, Tensor x, Tensor? passthrough)
    {
        var flat = embedded.flatten(1);
        return passthrough is null ? flat : cat(new[] { flat, x.index_select(1, passthrough) }, 1);
    }

    /// <summary>ONNX: Gather(axis 1) of the columns, [N, E].</summary>
    internal static string Gather(OnnxGraphBuilder g, string name, string x, int[] columns) =>
        g.AddNode("Gather", name, new[] { x, g.AddInt64Initializer($"{name}.columns", columns.Select(c => (long)c).ToArray(), columns.Length) }, null,
            OnnxAttribute.Int("axis", 1));

    /// <summary>ONNX: Reshape the embedding [N, E, d] to [N, E·d] and Concat the passthrough columns.</summary>
    internal static string Concat(OnnxGraphBuilder g, string name, string embedded, int width, string x, int[] passthrough)
    {
        string flat = g.AddNode("Reshape", $"{name}.flat", new[] { embedded, g.AddInt64Initializer($"{name}.flat_shape", new long[] { -1, width }, 2) });
        if (passthrough.Length == 0)
            return flat;
        string rest = Gather(g, $"{name}.passthrough", x, passthrough);
        return g.AddNode("Concat", name, new[] { flat, rest }, null, OnnxAttribute.Int("axis", 1));
    }
}
