namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>
/// Target-aware bin edges for the piecewise-linear encoding (the "T" bins of Gorishniy et al. 2022, §3.2.2, as
/// rtdl_num_embeddings' <c>compute_bins</c> with <c>tree_kwargs</c> computes them): per feature, a decision tree on
/// (feature value, label) with at most B leaves — class Gini impurity for classification, the variance of the
/// standardized target for regression, example weights when given — grown best-first; its split thresholds plus
/// the feature's training minimum and maximum are the edges. Rows whose value is NaN are ignored. The edges are
/// strictly increasing (duplicates after rounding to float removed); a feature without a useful split keeps its
/// minimum and maximum, one bin. Deterministic.
/// </summary>
public static class TargetAwareBins
{
    /// <summary>Computes the edges of each listed column.</summary>
    /// <param name="rows">Row-major training features (rowCount × featureCount); never the validation rows.</param>
    /// <param name="rowCount">Training rows, ≥ 2.</param>
    /// <param name="featureCount">Columns, ≥ 1.</param>
    /// <param name="columns">The columns to bin; each needs at least two distinct values.</param>
    /// <param name="targets">The training rows' labels and weights, one per row.</param>
    /// <param name="binCount">B, the most bins (tree leaves) per feature. Default 48; ≥ 2.</param>
    /// <param name="minLeafRows">The fewest rows a bin's tree leaf holds. Default 64 (rtdl_num_embeddings' example); ≥ 1.</param>
    /// <param name="minImpurityDecrease">The least weighted impurity decrease of a split (scikit-learn's <c>min_impurity_decrease</c>). Default 1e-4; ≥ 0.</param>
    /// <returns>Per listed column, its strictly increasing edges (2 to B + 1 values).</returns>
    /// <exception cref="ArgumentException">The targets do not match the rows, a classification label is not a class index, or a column has fewer than two distinct values.</exception>
    public static float[][] Compute(float[] rows, int rowCount, int featureCount, int[] columns, BinningTargets targets,
        int binCount = Defaults.PiecewiseLinearBins, int minLeafRows = Defaults.TargetAwareBinMinLeafRows,
        double minImpurityDecrease = Defaults.TargetAwareBinMinImpurityDecrease)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(targets);
        OptionGuard.AtLeast(rowCount, 2, nameof(rowCount));
        OptionGuard.AtLeast(binCount, 2, "PiecewiseLinearBins");
        OptionGuard.AtLeast(minLeafRows, 1, nameof(minLeafRows));
        if (!(minImpurityDecrease >= 0))
            throw new ArgumentOutOfRangeException(nameof(minImpurityDecrease), minImpurityDecrease, "Expected a value ≥ 0.");
        var labels = TargetEncoding.Of(targets, rowCount);
        var edges = new float[columns.Length][];
        for (int c = 0; c < columns.Length; c++)
            edges[c] = ColumnEdges(rows, rowCount, featureCount, columns[c], labels, binCount, minLeafRows, minImpurityDecrease);
        return edges;
    }

    private static float[] ColumnEdges(float[] rows, int rowCount, int featureCount, int column, TargetEncoding labels,
        int binCount, int minLeafRows, double minImpurityDecrease)
    {
        var (x, order) = SortedQuantile.SortedFiniteColumn(rows, rowCount, featureCount, column);
        if (x.Length == 0 || !(x[0] < x[^1]))
            throw PiecewiseLinearBins.TooFewDistinctValues(column);

        int[]? classes = labels.Classes;
        double[]? targets = labels.Targets;
        double[] weights = labels.Weights;
        var tree = new SortedFeatureTree(x, classes is null ? null : Array.ConvertAll(order, r => classes[r]), labels.ClassCount,
            targets is null ? null : Array.ConvertAll(order, r => targets[r]), Array.ConvertAll(order, r => weights[r]));
        var candidates = tree.Thresholds(binCount, minLeafRows, minImpurityDecrease).Select(t => (float)t)
            .Append((float)x[0]).Append((float)x[^1]).Order();
        var edges = new List<float>(binCount + 1);
        foreach (float edge in candidates)
            if (edges.Count == 0 || edge > edges[^1])
                edges.Add(edge);
        return edges.ToArray();
    }

    /// <summary>The labels as the trees read them: class indices, or the target standardized to mean 0 and variance 1 (so the minimum decrease is relative to the label's variance).</summary>
    private sealed record TargetEncoding(int[]? Classes, int ClassCount, double[]? Targets, double[] Weights)
    {
        internal static TargetEncoding Of(BinningTargets targets, int rowCount)
        {
            ArgumentNullException.ThrowIfNull(targets.Labels, "Labels");
            if (targets.Labels.Length != rowCount)
                throw new ArgumentException($"The binning targets have {targets.Labels.Length} labels; expected one per training row ({rowCount}).", nameof(targets));
            if (targets.Weights is not null && targets.Weights.Length != rowCount)
                throw new ArgumentException($"The binning targets have {targets.Weights.Length} weights; expected one per training row ({rowCount}).", nameof(targets));
            double[] weights = targets.Weights is null ? Enumerable.Repeat(1.0, rowCount).ToArray() : Array.ConvertAll(targets.Weights, w => (double)w);
            if (targets.Task == TaskKind.Regression)
                return new TargetEncoding(null, 0, Standardized(targets.Labels, weights), weights);
            var classes = new int[rowCount];
            for (int r = 0; r < rowCount; r++)
            {
                float label = targets.Labels[r];
                if (!(label >= 0) || label != MathF.Floor(label) || label > int.MaxValue / 2)
                    throw new ArgumentException(
                        $"Row {r} has the label {label}; target-aware bins for {targets.Task} need class indices 0, 1, …: map the labels to class indices or use PiecewiseLinearBinning = Quantile.", nameof(targets));
                classes[r] = (int)label;
            }
            return new TargetEncoding(classes, classes.Max() + 1, null, weights);
        }

        private static double[] Standardized(float[] labels, double[] weights)
        {
            double total = 0, sum = 0;
            for (int r = 0; r < labels.Length; r++) { total += weights[r]; sum += weights[r] * labels[r]; }
            double mean = total > 0 ? sum / total : 0, squares = 0;
            for (int r = 0; r < labels.Length; r++) squares += weights[r] * (labels[r] - mean) * (labels[r] - mean);
            double std = total > 0 ? Math.Sqrt(squares / total) : 0;
            return Array.ConvertAll(labels, y => std > 0 ? (y - mean) / std : 0.0);
        }
    }
}
