namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>
/// Bin edges for the piecewise-linear encoding from training quantiles (rtdl_num_embeddings <c>compute_bins</c>):
/// the quantiles at levels 0, 1/B, …, 1 (linear interpolation), duplicates removed, so a feature has at most B
/// bins and fewer when its values repeat. NaN values are ignored. <see cref="PiecewiseLinearBinning.Quantile"/>;
/// <see cref="TargetAwareBins"/> computes the target-aware edges.
/// </summary>
public static class PiecewiseLinearBins
{
    /// <summary>Computes the edges of each listed column.</summary>
    /// <param name="rows">Row-major training features (rowCount × featureCount).</param>
    /// <param name="rowCount">Training rows, ≥ 2.</param>
    /// <param name="featureCount">Columns, ≥ 1.</param>
    /// <param name="columns">The columns to bin; each needs at least two distinct values.</param>
    /// <param name="binCount">B, the number of bins. Default 48 (rtdl); ≥ 2.</param>
    /// <returns>Per listed column, its strictly increasing edges (2 to B + 1 values).</returns>
    public static float[][] Compute(float[] rows, int rowCount, int featureCount, int[] columns, int binCount = 48)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        OptionGuard.AtLeast(rowCount, 2, nameof(rowCount));
        OptionGuard.AtLeast(binCount, 2, "PiecewiseLinearBins");
        var edges = new float[columns.Length][];
        for (int c = 0; c < columns.Length; c++)
        {
            double[] sorted = SortedQuantile.FiniteColumn(rows, rowCount, featureCount, columns[c]);
            var column = new List<float>(binCount + 1);
            for (int i = 0; i <= binCount; i++)
            {
                float edge = sorted.Length == 0 ? 0f : (float)SortedQuantile.At(sorted, (double)i / binCount);
                if (column.Count == 0 || edge > column[^1])
                    column.Add(edge);
            }
            if (column.Count < 2)
                throw TooFewDistinctValues(columns[c]);
            edges[c] = column.ToArray();
        }
        return edges;
    }

    /// <summary>The error for a column that cannot be binned (both binnings raise it).</summary>
    internal static ArgumentException TooFewDistinctValues(int column) => new(
        $"Feature column {column} has fewer than two distinct training values, so it has no bins; embed only columns with three or more values.",
        "columns");
}
