using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Inference.Tabular;

/// <summary>
/// Managed forward pass of a <see cref="PeriodicEmbeddingLayer"/>: the angle (2πW)·x in float (bit-identical to
/// TorchSharp and ONNX Runtime), cos/sin in double rounded to float, the linear layer in double.
/// </summary>
internal static class PeriodicEmbeddingForward
{
    internal static float[] Run(PeriodicEmbeddingLayer layer, float[] rows, int rowCount)
    {
        layer.Validate();
        int e = layer.EmbeddedFeatures.Length, k = layer.FrequencyCount, d = layer.EmbeddingDimension;
        float[] omega = layer.AngularFrequencies();
        float[] x = EmbeddedColumnsForward.Gather(rows, rowCount, layer.FeatureCount, layer.EmbeddedFeatures);
        var embedded = new float[(long)rowCount * e * d];
        var v = new double[2 * k];
        var y = new double[d];
        for (int r = 0; r < rowCount; r++)
            for (int f = 0; f < e; f++)
            {
                float value = x[(long)r * e + f];
                for (int i = 0; i < k; i++)
                {
                    float angle = omega[f * k + i] * value;
                    v[i] = (float)Math.Cos(angle);
                    v[k + i] = (float)Math.Sin(angle);
                }
                for (int j = 0; j < d; j++)
                    y[j] = layer.Bias[f * d + j];
                long w = (long)f * 2 * k * d;
                for (int i = 0; i < 2 * k; i++)
                    for (int j = 0; j < d; j++)
                        y[j] += v[i] * layer.Weight[w + i * d + j];
                long o = ((long)r * e + f) * d;
                for (int j = 0; j < d; j++)
                    embedded[o + j] = (float)(layer.Relu ? Math.Max(0, y[j]) : y[j]);
            }
        return EmbeddedColumnsForward.Concat(embedded, e * d, rows, rowCount, layer.FeatureCount,
            TabularColumns.Passthrough(layer.EmbeddedFeatures, layer.FeatureCount));
    }
}
