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
        float[] slopes = Slopes(layer);
        for (int r = 0; r < rowCount; r++)
            Row(layer, slopes, rows.AsSpan(r * f, f), output.AsSpan(r * f, f));
        return output;
    }

    /// <summary>The per-segment slopes <see cref="Row"/> needs (empty unless the layer is quantile preprocessing).</summary>
    internal static float[] Slopes(PreprocessingLayer layer) =>
        layer.Kind == FeaturePreprocessing.Quantile ? layer.Slopes() : Array.Empty<float>();

    /// <summary>One row: NaN → the column's fill value, then the layer's transform; <paramref name="y"/> may be <paramref name="x"/>.</summary>
    internal static void Row(PreprocessingLayer layer, float[] slopes, ReadOnlySpan<float> x, Span<float> y)
    {
        if (layer.Kind == FeaturePreprocessing.None)
        {
            x.CopyTo(y);
            return;
        }
        for (int j = 0; j < x.Length; j++)
        {
            float value = float.IsNaN(x[j]) ? layer.Fill[j] : x[j];
            y[j] = layer.Kind == FeaturePreprocessing.Quantile ? Interpolate(layer, j, value, slopes) : Affine(layer, j, value);
        }
    }

    private static float Affine(PreprocessingLayer layer, int j, float x)
    {
        float y = (x - layer.Centre[j]) * layer.Scale[j];
        return layer.Clip[j] ? (float)PreprocessingLayer.SmoothClip(y) : y;
    }

    /// <summary>Clamp to the end knots, find the largest knot t ≤ x (at most the last segment), interpolate.</summary>
    private static float Interpolate(PreprocessingLayer layer, int j, float x, float[] slopes)
    {
        int m = layer.KnotCount, start = j * m;
        float[] knotX = layer.KnotX;
        x = Math.Min(Math.Max(x, knotX[start]), knotX[start + m - 1]);
        int t = start + SortedSearch.LastAtMost(knotX.AsSpan(start, m - 1), x);
        return layer.KnotY[t] + slopes[t] * (x - knotX[t]);
    }
}
