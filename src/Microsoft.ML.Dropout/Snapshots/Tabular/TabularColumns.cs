namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>
/// The column bookkeeping every numeric embedding shares: it embeds the columns listed in EmbeddedFeatures and
/// appends the others unchanged. Output row = [embedding of EmbeddedFeatures[0], …, of EmbeddedFeatures[E−1],
/// the remaining columns in their original order].
/// </summary>
public static class TabularColumns
{
    /// <summary>The columns that are not embedded, ascending.</summary>
    /// <param name="embedded">The embedded columns.</param>
    /// <param name="featureCount">Input width F.</param>
    public static int[] Passthrough(int[] embedded, int featureCount) =>
        Enumerable.Range(0, featureCount).Except(embedded).ToArray();

    /// <summary>
    /// The columns worth embedding: those with three or more distinct finite training values (binary and constant
    /// columns are never embedded).
    /// </summary>
    /// <param name="rows">Row-major training features.</param>
    /// <param name="rowCount">Rows.</param>
    /// <param name="featureCount">Columns.</param>
    public static int[] Embeddable(float[] rows, int rowCount, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = new List<int>();
        for (int j = 0; j < featureCount; j++)
        {
            var seen = new HashSet<float>();
            for (int r = 0; r < rowCount && seen.Count < 3; r++)
            {
                float v = rows[(long)r * featureCount + j];
                if (float.IsFinite(v)) seen.Add(v);
            }
            if (seen.Count >= 3) result.Add(j);
        }
        return result.ToArray();
    }

    /// <summary>Throws unless every index lies in [0, <paramref name="featureCount"/>) and appears once, and there is at least one.</summary>
    internal static void CheckFeatures(string layer, int[] features, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(features, "EmbeddedFeatures");
        if (features.Length == 0)
            throw new ArgumentException($"Layer '{layer}': EmbeddedFeatures is empty; embed at least one feature or leave the layer out.");
        var seen = new HashSet<int>();
        foreach (int f in features)
            if (f < 0 || f >= featureCount || !seen.Add(f))
                throw new ArgumentException(
                    $"Layer '{layer}': EmbeddedFeatures contains {f}, which is outside [0, {featureCount}) or repeated; list each embedded column once.");
    }
}
