using Microsoft.ML.Dropout.Snapshots;
using System.Numerics;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Export;

namespace Microsoft.ML.Dropout.Estimators.Scoring;

/// <summary>
/// Folds the inverse of the multiclass head into the network's last layer. The head computes s = W·x + b then
/// softmax(s); the network gives logits z = A·h + c. An L2-regularized softmax head has 1ᵀW = 0, so W itself is
/// singular; but with M = (W + 11ᵀ)⁻¹, x = M·(z/T − b) gives W·x = z/T − b − (1ᵀx)·1, i.e.
/// s = z/T − (1ᵀx)·1: the logits shifted by a per-row constant, which softmax and argmax ignore. The new last
/// layer is A' = M·A/T, c' = M·(c/T − b), found by solving (W + 11ᵀ)·[A' c'] = [A/T, c/T − b] in double, without
/// an explicit inverse: by Sherman–Morrison when W is diagonal (the head <see cref="ScoringChainFactory"/> fits;
/// O(K·H), 1,000 classes in milliseconds), otherwise by Gaussian elimination (O(K³/3 + K²·H)).
/// </summary>
internal static class MulticlassHeadCompensation
{
    internal static MlpSnapshot Fold(MlpSnapshot snapshot, VBuffer<float>[] headWeights, float[] headBias, int classes)
    {
        int k = snapshot.OutputSize;
        if (classes != k || headWeights.Length != k || headBias.Length != k)
            throw new InvalidOperationException($"The multiclass head has {classes} classes but the network has {k} outputs.");
        var dense = LastLayer.Of(snapshot);
        int inSize = dense.InputSize;
        double t = snapshot.Temperature;

        // Right-hand sides [A/T | c/T − b], one row per class.
        var rhs = new double[k][];
        for (int cls = 0; cls < k; cls++)
        {
            var row = rhs[cls] = new double[inSize + 1];
            for (int j = 0; j < inSize; j++) row[j] = dense.Weight[cls * inSize + j] / t;
            row[inSize] = dense.Bias[cls] / t - headBias[cls];
        }
        var solution = Diagonal(headWeights) is { } diagonal ? SolveDiagonalPlusOnes(diagonal, rhs) : Solve(headWeights, rhs);

        var weight = new float[k * inSize];
        var bias = new float[k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < inSize; j++) weight[i * inSize + j] = (float)solution[i][j];
            bias[i] = (float)solution[i][inSize];
        }
        return LastLayer.Replace(snapshot, dense with { Weight = weight, Bias = bias }) with { Temperature = 1.0 };
    }

    /// <summary>The diagonal of W when every other entry is zero (what one L-BFGS step on one-hot rows gives), else null.</summary>
    private static double[]? Diagonal(VBuffer<float>[] headWeights)
    {
        var d = new double[headWeights.Length];
        for (int cls = 0; cls < headWeights.Length; cls++)
            foreach (var (j, w) in headWeights[cls].Items())
            {
                if (j == cls) d[cls] = w;
                else if (w != 0) return null;
            }
        return d.All(v => v != 0) ? d : null;
    }

    /// <summary>
    /// Solves (D + 11ᵀ)·X = R with Sherman–Morrison in O(K·width):
    /// X = D⁻¹R − u·(uᵀR)/(1 + 1ᵀu), u = D⁻¹1.
    /// </summary>
    private static double[][] SolveDiagonalPlusOnes(double[] d, double[][] rhs)
    {
        int k = d.Length, width = rhs[0].Length;
        double s = 1 + d.Sum(v => 1 / v);
        var projection = new double[width];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < width; j++) projection[j] += rhs[i][j] / d[i];
        var solution = new double[k][];
        for (int i = 0; i < k; i++)
        {
            var x = solution[i] = new double[width];
            for (int j = 0; j < width; j++) x[j] = (rhs[i][j] - projection[j] / s) / d[i];
        }
        return solution;
    }

    /// <summary>
    /// Gaussian elimination with partial pivoting on the augmented rows [W + 11ᵀ | R] (O(K³/3 + K²·width)); returns
    /// the k solution rows.
    /// </summary>
    private static double[][] Solve(VBuffer<float>[] headWeights, double[][] rhs)
    {
        int k = headWeights.Length;
        var rows = new double[k][];
        for (int cls = 0; cls < k; cls++)
        {
            var row = rows[cls] = new double[k + rhs[cls].Length];
            row.AsSpan(0, k).Fill(1.0);
            foreach (var (j, w) in headWeights[cls].Items()) row[j] += w;
            rhs[cls].CopyTo(row, k);
        }
        int width = rows[0].Length;
        for (int col = 0; col < k; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < k; r++)
                if (Math.Abs(rows[r][col]) > Math.Abs(rows[pivot][col])) pivot = r;
            if (Math.Abs(rows[pivot][col]) < 1e-9)
                throw new InvalidOperationException("The multiclass scoring head is singular; this should not happen. Please report it.");
            (rows[col], rows[pivot]) = (rows[pivot], rows[col]);
            var pivotRow = rows[col].AsSpan(col, width - col);
            double p = pivotRow[0];
            for (int r = col + 1; r < k; r++)
            {
                double f = rows[r][col] / p;
                if (f != 0) SubtractScaled(rows[r].AsSpan(col, width - col), pivotRow, f);
            }
        }
        var solution = new double[k][];
        for (int i = k - 1; i >= 0; i--)
        {
            var x = rows[i].AsSpan(k).ToArray();
            for (int j = i + 1; j < k; j++)
                if (rows[i][j] != 0) SubtractScaled(x, solution[j], rows[i][j]);
            double d = rows[i][i];
            for (int j = 0; j < x.Length; j++) x[j] /= d;
            solution[i] = x;
        }
        return solution;
    }

    /// <summary>target −= f · source, vectorized.</summary>
    private static void SubtractScaled(Span<double> target, ReadOnlySpan<double> source, double f)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<double>(f);
            for (; i <= target.Length - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(target[i..]) - scale * new Vector<double>(source[i..])).CopyTo(target[i..]);
        }
        for (; i < target.Length; i++) target[i] -= f * source[i];
    }
}
