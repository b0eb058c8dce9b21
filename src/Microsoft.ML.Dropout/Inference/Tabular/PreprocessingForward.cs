using System.Runtime.CompilerServices;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Inference.Tabular;

/// <summary>Managed forward pass of a <see cref="PreprocessingLayer"/> (float storage, double smooth clip).</summary>
internal static class PreprocessingForward
{
    internal static float[] Run(PreprocessingLayer layer, float[] rows, int rowCount)
    {
        layer.Validate();
        var output = (float[])rows.Clone();
        if (layer.Kind == FeaturePreprocessing.None)
            return output;
        int f = layer.FeatureCount;
        var prepared = Prepare(layer, buckets: false);
        for (int r = 0; r < rowCount; r++)
            Row(layer, prepared, rows.AsSpan(r * f, f), output.AsSpan(r * f, f));
        return output;
    }

    /// <summary>What <see cref="Row"/> needs besides the layer: the segment slopes, and per column a bucket grid over its knots (<see cref="BucketedSearch"/>; worth building when many rows follow).</summary>
    internal sealed record Prepared(float[] Slopes, BucketedSearch[]? Knots);

    /// <summary>The slopes (empty unless the layer is quantile preprocessing) and, when <paramref name="buckets"/>, each column's knot grid.</summary>
    internal static Prepared Prepare(PreprocessingLayer layer, bool buckets)
    {
        if (layer.Kind != FeaturePreprocessing.Quantile)
            return new Prepared(Array.Empty<float>(), null);
        var knots = buckets
            ? Enumerable.Range(0, layer.FeatureCount).Select(j => new BucketedSearch(layer.KnotX, j * layer.KnotCount, layer.KnotCount - 1)).ToArray()
            : null;
        return new Prepared(layer.Slopes(), knots);
    }

    /// <summary>One row: NaN → the column's fill value, then the layer's transform; <paramref name="y"/> may be <paramref name="x"/>.</summary>
    internal static void Row(PreprocessingLayer layer, Prepared prepared, ReadOnlySpan<float> x, Span<float> y)
    {
        if (layer.Kind == FeaturePreprocessing.None)
        {
            x.CopyTo(y);
            return;
        }
        if (layer.Kind == FeaturePreprocessing.Quantile)
        {
            Quantile(layer, prepared, x, y);
            return;
        }
        for (int j = 0; j < x.Length; j++)
            y[j] = Affine(layer, j, float.IsNaN(x[j]) ? layer.Fill[j] : x[j]);
    }

    /// <summary>The quantile transform of one row (<see cref="QuantileValue"/> per column).</summary>
    private static void Quantile(PreprocessingLayer layer, Prepared prepared, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int j = 0; j < x.Length; j++)
            y[j] = QuantileValue(layer, prepared, j, x[j]);
    }

    /// <summary>The quantile transform of column <paramref name="j"/>'s value: NaN → fill, clamp to the end knots, find the segment (the largest knot ≤ x, at most the last segment), interpolate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float QuantileValue(PreprocessingLayer layer, Prepared prepared, int j, float raw)
    {
        int m = layer.KnotCount, start = j * m;
        float[] knotX = layer.KnotX, knotY = layer.KnotY, slopes = prepared.Slopes;
        var knots = prepared.Knots;
        float value = float.IsNaN(raw) ? layer.Fill[j] : raw;
        value = Math.Min(Math.Max(value, knotX[start]), knotX[start + m - 1]);
        int t = start + (knots is null ? SortedSearch.LastAtMost(knotX.AsSpan(start, m - 1), value) : knots[j].LastAtMost(knotX, value));
        return knotY[t] + slopes[t] * (value - knotX[t]);
    }

    private static float Affine(PreprocessingLayer layer, int j, float x)
    {
        float y = (x - layer.Centre[j]) * layer.Scale[j];
        return layer.Clip[j] ? (float)PreprocessingLayer.SmoothClip(y) : y;
    }
}
