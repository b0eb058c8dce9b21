namespace Microsoft.ML.Dropout.Inference.Tabular;

/// <summary>Managed gather of the embedded columns and the concatenation [embeddings, passthrough columns].</summary>
internal static class EmbeddedColumnsForward
{
    /// <summary>The embedded columns of every row, [rows, E].</summary>
    internal static float[] Gather(float[] rows, int rowCount, int featureCount, int[] columns)
    {
        var result = new float[(long)rowCount * columns.Length];
        for (int r = 0; r < rowCount; r++)
            for (int e = 0; e < columns.Length; e++)
                result[(long)r * columns.Length + e] = rows[(long)r * featureCount + columns[e]];
        return result;
    }

    /// <summary>[embedded (rows × width), passthrough columns of the input].</summary>
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
}
