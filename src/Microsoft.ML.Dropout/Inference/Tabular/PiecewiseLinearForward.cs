using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Inference.Tabular;

/// <summary>Managed forward passes of <see cref="PiecewiseLinearEncodingLayer"/> and <see cref="PiecewiseLinearEmbeddingLayer"/>.</summary>
internal static class PiecewiseLinearForward
{
    /// <summary>The padded encoding [rows, E, B] of the gathered embedded values [rows, E].</summary>
    internal static float[] EncodePadded(PiecewiseLinearEncodingLayer layer, float[] x, int rowCount)
    {
        var (weight, bias, lower, upper, _) = layer.Coefficients();
        int e = layer.Edges.Length, bins = layer.MaxBins;
        var encoded = new float[(long)rowCount * e * bins];
        for (int r = 0; r < rowCount; r++)
            for (int f = 0; f < e; f++)
            {
                float value = x[(long)r * e + f];
                for (int s = 0; s < bins; s++)
                {
                    int i = f * bins + s;
                    float t = bias[i] + weight[i] * value;
                    encoded[((long)r * e + f) * bins + s] = Math.Min(Math.Max(t, lower[i]), upper[i]);
                }
            }
        return encoded;
    }

    /// <summary>The encoding: every feature's bins in order, then the passthrough columns.</summary>
    internal static float[] Encode(PiecewiseLinearEncodingLayer layer, float[] rows, int rowCount)
    {
        layer.Validate();
        int[] valid = layer.Coefficients().Valid;
        int e = layer.Edges.Length, bins = layer.MaxBins;
        float[] padded = EncodePadded(layer, EmbeddedColumnsForward.Gather(rows, rowCount, layer.FeatureCount, layer.EmbeddedFeatures), rowCount);
        var encoded = new float[(long)rowCount * valid.Length];
        for (int r = 0; r < rowCount; r++)
            for (int v = 0; v < valid.Length; v++)
                encoded[(long)r * valid.Length + v] = padded[(long)r * e * bins + valid[v]];
        return EmbeddedColumnsForward.Concat(encoded, valid.Length, rows, rowCount, layer.FeatureCount,
            TabularColumns.Passthrough(layer.EmbeddedFeatures, layer.FeatureCount));
    }

    /// <summary>The embedding y = x·w + b + p·W per feature (double sums), optional ReLU, then the passthrough columns.</summary>
    internal static float[] Embed(PiecewiseLinearEmbeddingLayer layer, float[] rows, int rowCount)
    {
        layer.Validate();
        var encoding = layer.Encoding;
        int f = encoding.FeatureCount, e = encoding.EmbeddedFeatures.Length, bins = encoding.MaxBins, d = layer.EmbeddingDimension;
        float[] x = EmbeddedColumnsForward.Gather(rows, rowCount, f, encoding.EmbeddedFeatures);
        float[] padded = EncodePadded(encoding, x, rowCount);
        var embedded = new float[(long)rowCount * e * d];
        var y = new double[d];
        for (int r = 0; r < rowCount; r++)
            for (int k = 0; k < e; k++)
            {
                float value = x[(long)r * e + k];
                for (int j = 0; j < d; j++)
                    y[j] = (double)value * layer.LinearWeight[k * d + j] + layer.LinearBias[k * d + j];
                long p = ((long)r * e + k) * bins;
                for (int s = 0; s < bins; s++)
                {
                    double ps = padded[p + s];
                    if (ps == 0) continue;
                    long w = ((long)k * bins + s) * d;
                    for (int j = 0; j < d; j++)
                        y[j] += ps * layer.Weight[w + j];
                }
                long o = ((long)r * e + k) * d;
                for (int j = 0; j < d; j++)
                    embedded[o + j] = (float)(layer.Relu ? Math.Max(0, y[j]) : y[j]);
            }
        return EmbeddedColumnsForward.Concat(embedded, e * d, rows, rowCount, f, TabularColumns.Passthrough(encoding.EmbeddedFeatures, f));
    }
}
