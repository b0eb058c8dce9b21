using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Inference.Tabular;

/// <summary>Managed forward pass of an <see cref="EnsembleMeanLayer"/> in double precision.</summary>
internal static class EnsembleMeanForward
{
    internal static float[] Run(EnsembleMeanLayer layer, float[] rows, int rowCount)
    {
        ((ITabularSnapshotLayer)layer).Validate();
        int k = layer.Members, c = layer.Size;
        var output = new float[(long)rowCount * c];
        var terms = new double[k];
        var logSoftmax = new double[k * c];
        for (int r = 0; r < rowCount; r++)
        {
            long start = (long)r * k * c;
            switch (layer.Task)
            {
                case TaskKind.BinaryClassification:
                    for (int m = 0; m < k; m++) terms[m] = LogSigmoid(rows[start + m]);
                    double positive = LogSumExp(terms);
                    for (int m = 0; m < k; m++) terms[m] = LogSigmoid(-rows[start + m]);
                    output[r] = (float)(positive - LogSumExp(terms));
                    break;
                case TaskKind.MulticlassClassification:
                    for (int m = 0; m < k; m++)
                    {
                        double max = double.NegativeInfinity, sum = 0;
                        for (int j = 0; j < c; j++) max = Math.Max(max, rows[start + m * c + j]);
                        for (int j = 0; j < c; j++) sum += Math.Exp(rows[start + m * c + j] - max);
                        for (int j = 0; j < c; j++) logSoftmax[m * c + j] = rows[start + m * c + j] - max - Math.Log(sum);
                    }
                    for (int j = 0; j < c; j++)
                    {
                        for (int m = 0; m < k; m++) terms[m] = logSoftmax[m * c + j];
                        output[(long)r * c + j] = (float)(LogSumExp(terms) - Math.Log(k));
                    }
                    break;
                default:
                    for (int j = 0; j < c; j++)
                    {
                        double sum = 0;
                        for (int m = 0; m < k; m++) sum += rows[start + m * c + j];
                        output[(long)r * c + j] = (float)(sum / k);
                    }
                    break;
            }
        }
        return output;
    }

    /// <summary>log σ(z) = −softplus(−z), without overflow.</summary>
    private static double LogSigmoid(double z) => z >= 0 ? -Math.Log(1 + Math.Exp(-z)) : z - Math.Log(1 + Math.Exp(z));

    private static double LogSumExp(double[] terms)
    {
        double max = terms.Max();
        if (double.IsNegativeInfinity(max)) return max;
        double sum = 0;
        foreach (double t in terms) sum += Math.Exp(t - max);
        return max + Math.Log(sum);
    }
}
