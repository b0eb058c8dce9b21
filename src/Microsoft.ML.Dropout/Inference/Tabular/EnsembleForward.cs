using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Inference.Tabular;

/// <summary>
/// Managed forward passes of the ensemble layers. A row holds k members × width values (row-major [N, k, width]),
/// so member m of row r starts at (r·k + m)·width. Float storage, double dot products.
/// </summary>
internal static class EnsembleForward
{
    internal static float[] View(EnsembleViewLayer layer, float[] rows, int rowCount)
    {
        int k = layer.Members, d = layer.Size;
        var output = new float[(long)rowCount * k * d];
        for (int r = 0; r < rowCount; r++)
            for (int m = 0; m < k; m++)
                Array.Copy(rows, (long)r * d, output, ((long)r * k + m) * d, d);
        return output;
    }

    internal static float[] BatchEnsemble(BatchEnsembleLayer layer, float[] rows, int rowCount)
    {
        layer.Validate();
        int k = layer.Members, n = layer.InputSize, o = layer.OutputSize;
        var output = new float[(long)rowCount * k * o];
        var scaled = new float[n];
        for (int row = 0; row < rowCount; row++)
            for (int m = 0; m < k; m++)
            {
                long x = ((long)row * k + m) * n, y = ((long)row * k + m) * o;
                for (int i = 0; i < n; i++)
                    scaled[i] = rows[x + i] * layer.R[m * n + i];
                for (int j = 0; j < o; j++)
                {
                    double sum = 0;
                    for (int i = 0; i < n; i++)
                        sum += scaled[i] * layer.Weight[j * n + i];
                    output[y + j] = (float)(sum * layer.S[m * o + j] + layer.Bias[m * o + j]);
                }
            }
        return output;
    }

    internal static float[] Scale(EnsembleScaleLayer layer, float[] rows, int rowCount)
    {
        ((ITabularSnapshotLayer)layer).Validate();
        int width = layer.Members * layer.Size;
        var output = new float[(long)rowCount * width];
        for (long i = 0; i < output.LongLength; i++)
            output[i] = rows[i] * layer.Scale[i % width];
        return output;
    }

    internal static float[] Heads(LinearEnsembleLayer layer, float[] rows, int rowCount)
    {
        layer.Validate();
        int k = layer.Members, n = layer.InputSize, o = layer.OutputSize;
        var output = new float[(long)rowCount * k * o];
        var y = new double[o];
        for (int row = 0; row < rowCount; row++)
            for (int m = 0; m < k; m++)
            {
                long x = ((long)row * k + m) * n;
                for (int j = 0; j < o; j++)
                    y[j] = layer.Bias[m * o + j];
                for (int i = 0; i < n; i++)
                {
                    double xi = rows[x + i];
                    long w = ((long)m * n + i) * o;
                    for (int j = 0; j < o; j++)
                        y[j] += xi * layer.Weight[w + j];
                }
                for (int j = 0; j < o; j++)
                    output[((long)row * k + m) * o + j] = (float)y[j];
            }
        return output;
    }

    /// <summary>LayerNorm over each member's Size values (double statistics, biased variance).</summary>
    internal static float[] LayerNorm(EnsembleLayerNormLayer layer, float[] rows, int rowCount)
    {
        layer.Validate();
        int d = layer.Size;
        var output = new float[(long)rowCount * layer.Members * d];
        for (long start = 0; start < output.LongLength; start += d)
        {
            double mean = 0, variance = 0;
            for (int j = 0; j < d; j++) mean += rows[start + j];
            mean /= d;
            for (int j = 0; j < d; j++) variance += (rows[start + j] - mean) * (rows[start + j] - mean);
            double inverse = 1 / Math.Sqrt(variance / d + layer.Epsilon);
            for (int j = 0; j < d; j++)
                output[start + j] = (float)((rows[start + j] - mean) * inverse * layer.Scale[j] + layer.Shift[j]);
        }
        return output;
    }
}
