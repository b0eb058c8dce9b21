namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>
/// Quantiles of sorted values with linear interpolation between order statistics: position p·(n − 1), as numpy's
/// default ("linear") method, torch.quantile and scikit-learn's QuantileTransformer use.
/// </summary>
internal static class SortedQuantile
{
    internal static double At(IReadOnlyList<double> sorted, double p)
    {
        double position = p * (sorted.Count - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Count - 1);
        double fraction = position - lower;
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction;
    }

    /// <summary>
    /// The finite values of column <paramref name="column"/>, sorted; NaN skipped; ±∞ skipped when
    /// <paramref name="skipInfinite"/>, else it throws naming row and column.
    /// </summary>
    internal static double[] FiniteColumn(float[] rows, int rowCount, int featureCount, int column, bool skipInfinite = false) =>
        SortedFiniteColumn(rows, rowCount, featureCount, column, skipInfinite).Values;

    /// <summary>As <see cref="FiniteColumn"/>, with the row each sorted value came from.</summary>
    internal static (double[] Values, int[] Rows) SortedFiniteColumn(float[] rows, int rowCount, int featureCount, int column, bool skipInfinite = false)
    {
        var values = new List<double>(rowCount);
        var rowOf = new List<int>(rowCount);
        for (int r = 0; r < rowCount; r++)
        {
            float v = rows[(long)r * featureCount + column];
            if (float.IsNaN(v) || (skipInfinite && float.IsInfinity(v)))
                continue;
            if (float.IsInfinity(v))
                throw new ArgumentException(
                    $"Feature column {column} has the value {(v > 0 ? "+∞" : "−∞")} in row {r}; only the quantile preprocessing (Preprocessing = Quantile) " +
                    "maps an infinite value (to the column's extreme quantile): use it, or replace the value (a missing value may be NaN).");
            values.Add(v);
            rowOf.Add(r);
        }
        double[] sorted = values.ToArray();
        int[] order = rowOf.ToArray();
        Array.Sort(sorted, order);
        return (sorted, order);
    }
}
