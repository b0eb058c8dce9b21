using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Snapshots;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// Folds the inverse of the multiclass head into the network's last layer. The head computes s = W·x + b then
/// softmax(s); the network gives logits z = A·h + c. An L2-regularized softmax head has 1ᵀW = 0, so W itself is
/// singular; but with M = (W + 11ᵀ)⁻¹ (computed in double), x = M·(z/T − b) gives W·x = z/T − b − (1ᵀx)·1, i.e.
/// s = z/T − (1ᵀx)·1: the logits shifted by a per-row constant, which softmax and argmax ignore. The new last
/// layer is A' = M·A/T, c' = M·(c/T − b).
/// </summary>
internal static class MulticlassCompensation
{
    internal static MlpSnapshot Fold(MlpSnapshot snapshot, VBuffer<float>[] headWeights, float[] headBias, int classes)
    {
        int k = snapshot.OutputSize;
        if (classes != k || headWeights.Length != k || headBias.Length != k)
            throw new InvalidOperationException($"The multiclass head has {classes} classes but the network has {k} outputs.");
        var w = new double[k, k];
        for (int cls = 0; cls < k; cls++)
        {
            var row = headWeights[cls].DenseValues().ToArray();
            for (int j = 0; j < k; j++) w[cls, j] = row[j] + 1.0;
        }
        var m = Invert(w);

        var layers = snapshot.Layers.ToList();
        int last = layers.FindLastIndex(l => l is DenseLayer);
        var dense = (DenseLayer)layers[last];
        int inSize = dense.InputSize;
        double t = snapshot.Temperature;
        var weight = new float[k * inSize];
        var bias = new float[k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < inSize; j++)
            {
                double s = 0;
                for (int c = 0; c < k; c++) s += m[i, c] * dense.Weight[c * inSize + j];
                weight[i * inSize + j] = (float)(s / t);
            }
            double sb = 0;
            for (int c = 0; c < k; c++) sb += m[i, c] * (dense.Bias[c] / t - headBias[c]);
            bias[i] = (float)sb;
        }
        layers[last] = dense with { Weight = weight, Bias = bias };
        return snapshot with { Layers = layers, Temperature = 1.0 };
    }

    /// <summary>Gauss–Jordan inversion with partial pivoting.</summary>
    private static double[,] Invert(double[,] a)
    {
        int n = a.GetLength(0);
        var m = (double[,])a.Clone();
        var inv = new double[n, n];
        for (int i = 0; i < n; i++) inv[i, i] = 1;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col])) pivot = r;
            if (Math.Abs(m[pivot, col]) < 1e-9)
                throw new InvalidOperationException("The multiclass scoring head is singular; this should not happen. Please report it.");
            if (pivot != col)
                for (int j = 0; j < n; j++)
                {
                    (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
                    (inv[col, j], inv[pivot, j]) = (inv[pivot, j], inv[col, j]);
                }
            double p = m[col, col];
            for (int j = 0; j < n; j++) { m[col, j] /= p; inv[col, j] /= p; }
            for (int r = 0; r < n; r++)
            {
                if (r == col) continue;
                double f = m[r, col];
                if (f == 0) continue;
                for (int j = 0; j < n; j++) { m[r, j] -= f * m[col, j]; inv[r, j] -= f * inv[col, j]; }
            }
        }
        return inv;
    }
}
