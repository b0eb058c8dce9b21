namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>
/// The piecewise-linear encoding (Gorishniy et al. 2022, eq. 1) as plain arrays. A feature with edges
/// b_0 &lt; … &lt; b_T (T bins) encodes x as the T values e_t = (x − b_{t−1})/(b_t − b_{t−1}) clamped to [0, 1],
/// except that the first is only clamped above and the last only below, so values outside the training range
/// extrapolate linearly (a single-bin feature is not clamped at all): inside bin t the vector is
/// [1, …, 1, (x − b_{t−1})/(b_t − b_{t−1}), 0, …, 0]. Output row: the T values of every embedded feature in order,
/// then the non-embedded columns.
/// </summary>
/// <remarks>
/// Computed as rtdl_num_embeddings does, padded to B = the largest T: slots 0…T−2 hold the leading values, slot B−1
/// the last, padding slots are always 0 (the mask). Per slot: t = bias + weight·x, then max(t, lower), min(·, upper),
/// where an unclamped side has the bound ∓float.MaxValue (finite, so the buffers pass finiteness checks).
/// </remarks>
/// <param name="Name">Layer name, e.g. "encoding".</param>
/// <param name="FeatureCount">Input width F.</param>
/// <param name="EmbeddedFeatures">The E encoded columns, each in [0, F) once.</param>
/// <param name="Edges">Per encoded column, its strictly increasing bin edges (≥ 2 values).</param>
public sealed record PiecewiseLinearEncodingLayer(string Name, int FeatureCount, int[] EmbeddedFeatures, float[][] Edges)
    : SnapshotLayer(Name), ITabularSnapshotLayer
{
    /// <summary>B, the largest number of bins of a feature.</summary>
    public int MaxBins => Edges.Max(e => e.Length - 1);

    /// <summary>Output width: Σ bins + (F − E).</summary>
    public int OutputWidth => Edges.Sum(e => e.Length - 1) + FeatureCount - EmbeddedFeatures.Length;

    int ITabularSnapshotLayer.InputWidth => FeatureCount;
    void ITabularSnapshotLayer.Validate() => Validate();

    internal void Validate()
    {
        TabularColumns.CheckFeatures(Name, EmbeddedFeatures, FeatureCount);
        if (Edges.Length != EmbeddedFeatures.Length)
            throw new ArgumentException($"Layer '{Name}': {Edges.Length} edge lists for {EmbeddedFeatures.Length} embedded features; give one list per feature.");
        for (int f = 0; f < Edges.Length; f++)
        {
            float[] e = Edges[f];
            bool increasing = e.Length >= 2 && e.Zip(e.Skip(1), (a, b) => b > a).All(ok => ok) && e.All(float.IsFinite);
            if (!increasing)
                throw new ArgumentException($"Layer '{Name}': the edges of embedded feature {f} must be ≥ 2 finite, strictly increasing values; recompute them with PiecewiseLinearBins.Compute.");
        }
    }

    /// <summary>The padded [E, B] weight, bias, lower and upper bounds, and the valid flat slots in output order.</summary>
    internal (float[] Weight, float[] Bias, float[] Lower, float[] Upper, int[] Valid) Coefficients()
    {
        int e = Edges.Length, bins = MaxBins;
        var weight = new float[e * bins];
        var bias = new float[e * bins];
        var lower = new float[e * bins];
        var upper = new float[e * bins];
        var valid = new List<int>();
        for (int f = 0; f < e; f++)
        {
            float[] edges = Edges[f];
            int count = edges.Length - 1;
            for (int t = 0; t < count; t++)
            {
                int slot = f * bins + (t < count - 1 ? t : bins - 1);
                float width = edges[t + 1] - edges[t];
                weight[slot] = 1f / width;
                bias[slot] = -edges[t] / width;
            }
            for (int s = 0; s < bins; s++)
            {
                int i = f * bins + s;
                bool first = s == 0, last = s == bins - 1;
                lower[i] = first || (last && count == 1) ? -float.MaxValue : 0f;
                upper[i] = last || (first && bins == 1) ? float.MaxValue : 1f;
                if (s < count - 1 || last)
                    valid.Add(i);
            }
        }
        return (weight, bias, lower, upper, valid.ToArray());
    }
}
