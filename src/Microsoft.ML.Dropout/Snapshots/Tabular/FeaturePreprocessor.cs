namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>
/// Fits a <see cref="FeaturePreprocessing"/> on training rows (row-major floats) and returns the fitted
/// <see cref="PreprocessingLayer"/>. Missing values (NaN) are ignored by every statistic and later replaced by the
/// column's median. ±∞ is accepted by the quantile transform only: its knots come from the finite values, and the
/// transform clamps to the end knots, so +∞ (−∞) maps to the column's top (bottom) quantile, as LightGBM puts such a
/// value in its last (first) bin; the affine kinds refuse it. Column rules shared by every kind: training values
/// exactly {0, 1} pass through unchanged; another pair of values maps min → 0, max → 1; a single value (or none) maps
/// to 0.
/// </summary>
public static class FeaturePreprocessor
{
    /// <summary>Smallest and largest quantile count of the quantile transform.</summary>
    public const int MinQuantiles = 10, MaxQuantiles = 1000;

    /// <summary>Training rows per quantile: n_quantiles = clamp(rows / 30, 10, 1000).</summary>
    public const int RowsPerQuantile = 30;

    /// <summary>The quantile transform's outputs are clipped at Φ⁻¹(1e-7) and Φ⁻¹(1 − 1e-7) (scikit-learn's BOUNDS_THRESHOLD).</summary>
    public const double BoundsThreshold = 1e-7;

    /// <summary>Fits <paramref name="kind"/> on <paramref name="rowCount"/> rows of <paramref name="featureCount"/> values.</summary>
    /// <param name="rows">Row-major training features, length rowCount·featureCount; NaN allowed, ±∞ with <see cref="FeaturePreprocessing.Quantile"/> only.</param>
    /// <param name="rowCount">Training rows, ≥ 1.</param>
    /// <param name="featureCount">Columns, ≥ 1.</param>
    /// <param name="kind">What to fit.</param>
    /// <param name="name">Layer name. Default "preprocessing".</param>
    /// <exception cref="ArgumentException">Lengths disagree, or a value is ±∞ and <paramref name="kind"/> is not <see cref="FeaturePreprocessing.Quantile"/> (the message names row and column).</exception>
    public static PreprocessingLayer Fit(float[] rows, int rowCount, int featureCount, FeaturePreprocessing kind, string name = "preprocessing")
    {
        ArgumentNullException.ThrowIfNull(rows);
        OptionGuard.AtLeast(rowCount, 1, nameof(rowCount));
        OptionGuard.AtLeast(featureCount, 1, nameof(featureCount));
        OptionGuard.Defined(kind, "Preprocessing");
        if (rows.LongLength != (long)rowCount * featureCount)
            throw new ArgumentException($"rows has {rows.LongLength} values, but {rowCount} rows × {featureCount} features need {(long)rowCount * featureCount}.", nameof(rows));
        if (kind == FeaturePreprocessing.None)
            return new PreprocessingLayer(name, kind, featureCount, Array.Empty<float>(), Array.Empty<float>(), Array.Empty<float>(),
                Array.Empty<bool>(), 0, Array.Empty<float>(), Array.Empty<float>());

        var columns = new double[featureCount][];
        var fill = new float[featureCount];
        for (int j = 0; j < featureCount; j++)
        {
            columns[j] = SortedQuantile.FiniteColumn(rows, rowCount, featureCount, j, skipInfinite: kind.TakesInfinite());
            fill[j] = columns[j].Length == 0 ? 0f : (float)SortedQuantile.At(columns[j], 0.5);
        }
        return kind == FeaturePreprocessing.Quantile
            ? FitQuantile(name, columns, fill)
            : FitAffine(name, kind, columns, fill);
    }

    /// <summary>The number of distinct values of a sorted column, counting at most 3.</summary>
    private static int DistinctUpToThree(double[] sorted)
    {
        if (sorted.Length == 0) return 0;
        int distinct = 1;
        for (int i = 1; i < sorted.Length && distinct < 3; i++)
            if (sorted[i] != sorted[i - 1]) distinct++;
        return distinct;
    }

    private static PreprocessingLayer FitAffine(string name, FeaturePreprocessing kind, double[][] columns, float[] fill)
    {
        int f = columns.Length;
        var centre = new float[f];
        var scale = new float[f];
        var clip = new bool[f];
        for (int j = 0; j < f; j++)
        {
            double[] v = columns[j];
            switch (DistinctUpToThree(v))
            {
                case 0:
                case 1:
                    centre[j] = v.Length == 0 ? 0f : (float)v[0];
                    scale[j] = 0f;
                    break;
                case 2:
                    (centre[j], scale[j]) = TwoValued(v[0], v[^1]);
                    break;
                default:
                    if (kind == FeaturePreprocessing.Standardize)
                    {
                        double mean = v.Average();
                        double variance = v.Sum(x => (x - mean) * (x - mean)) / v.Length;
                        centre[j] = (float)mean;
                        scale[j] = (float)(1 / Math.Sqrt(variance));
                    }
                    else
                    {
                        double spread = SortedQuantile.At(v, 0.75) - SortedQuantile.At(v, 0.25);
                        if (!(spread > 0)) spread = 0.5 * (v[^1] - v[0]);
                        if (!(spread > 0) || double.IsInfinity(spread)) spread = 1;
                        centre[j] = fill[j];
                        scale[j] = (float)(1 / spread);
                        clip[j] = true;
                    }
                    break;
            }
        }
        return new PreprocessingLayer(name, kind, f, fill, centre, scale, clip, 0, Array.Empty<float>(), Array.Empty<float>());
    }

    /// <summary>{0, 1} → identity; another pair (a &lt; b) → (x − a)/(b − a).</summary>
    private static (float Centre, float Scale) TwoValued(double min, double max) =>
        min == 0 && max == 1 ? (0f, 1f) : ((float)min, (float)(1 / (max - min)));

    private static PreprocessingLayer FitQuantile(string name, double[][] columns, float[] fill)
    {
        int f = columns.Length;
        var knots = new (double[] X, double[] Y)[f];
        for (int j = 0; j < f; j++)
        {
            double[] v = columns[j];
            knots[j] = DistinctUpToThree(v) switch
            {
                0 => (new[] { 0.0, 1.0 }, new[] { 0.0, 0.0 }),
                1 => (new[] { v[0], v[0] + Math.Max(1, Math.Abs(v[0])) }, new[] { 0.0, 0.0 }),
                2 => (new[] { v[0], v[^1] }, new[] { 0.0, 1.0 }), // {0, 1} stays itself
                _ => NormalKnots(v),
            };
        }
        int m = knots.Max(k => k.X.Length);
        var knotX = new float[f * m];
        var knotY = new float[f * m];
        for (int j = 0; j < f; j++)
            for (int t = 0; t < m; t++)
            {
                int source = Math.Min(t, knots[j].X.Length - 1);
                knotX[j * m + t] = (float)knots[j].X[source];
                knotY[j * m + t] = (float)knots[j].Y[source];
            }
        return new PreprocessingLayer(name, FeaturePreprocessing.Quantile, f, fill, Array.Empty<float>(), Array.Empty<float>(),
            Array.Empty<bool>(), m, knotX, knotY);
    }

    /// <summary>Quantile knots of a column with ≥ 3 distinct values, equal quantiles collapsed to their mid level.</summary>
    private static (double[] X, double[] Y) NormalKnots(double[] sorted)
    {
        int n = Math.Clamp(sorted.Length / RowsPerQuantile, MinQuantiles, MaxQuantiles);
        var x = new List<double>(n);
        var y = new List<double>(n);
        double bound = NormalDistributionMath.InverseCdf(1 - BoundsThreshold);
        int i = 0;
        while (i < n)
        {
            double value = (float)SortedQuantile.At(sorted, (double)i / (n - 1)); // knots are stored as float
            int end = i;
            while (end + 1 < n && (float)SortedQuantile.At(sorted, (double)(end + 1) / (n - 1)) == value)
                end++;
            double level = 0.5 * ((double)i / (n - 1) + (double)end / (n - 1));
            x.Add(value);
            y.Add(Math.Clamp(NormalDistributionMath.InverseCdf(level), -bound, bound));
            i = end + 1;
        }
        if (x.Count == 1) // distinct in double, equal in float: one flat segment
        {
            x.Add(x[0] + Math.Max(1, Math.Abs(x[0])));
            y.Add(y[0]);
        }
        return (x.ToArray(), y.ToArray());
    }
}
