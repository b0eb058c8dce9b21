using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Bench.Quality;

/// <summary>
/// Eval-mode forward pass of an <see cref="MlpSnapshot"/> in managed code (dropout is the identity), used by the
/// ablation to measure training accuracy in eval mode.
/// </summary>
internal static class SnapshotScorer
{
    /// <summary>Fraction of rows whose predicted class equals the label (binary: logit &gt; 0 ⇔ label 1).</summary>
    public static double Accuracy(MlpSnapshot model, TrainingData data)
    {
        int correct = 0;
        var row = new float[data.FeatureCount];
        for (int r = 0; r < data.RowCount; r++)
        {
            Array.Copy(data.Features, (long)r * data.FeatureCount, row, 0, data.FeatureCount);
            float[] output = Forward(model.Layers, row);
            int predicted = model.Task == TaskKind.BinaryClassification ? (output[0] > 0 ? 1 : 0) : ArgMax(output);
            if (predicted == (int)data.Labels[r]) correct++;
        }
        return (double)correct / data.RowCount;
    }

    private static int ArgMax(float[] v)
    {
        int best = 0;
        for (int i = 1; i < v.Length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    private static float[] Forward(IReadOnlyList<SnapshotLayer> layers, float[] x)
    {
        foreach (var layer in layers)
        {
            switch (layer)
            {
                case DenseLayer d:
                {
                    var y = new float[d.OutputSize];
                    for (int o = 0; o < d.OutputSize; o++)
                    {
                        double s = d.Bias[o];
                        int offset = o * d.InputSize;
                        for (int i = 0; i < d.InputSize; i++) s += d.Weight[offset + i] * x[i];
                        y[o] = (float)s;
                    }
                    x = y;
                    break;
                }
                case LayerNormLayer n:
                {
                    double mean = 0, variance = 0;
                    for (int i = 0; i < x.Length; i++) mean += x[i];
                    mean /= x.Length;
                    for (int i = 0; i < x.Length; i++) variance += (x[i] - mean) * (x[i] - mean);
                    variance /= x.Length;
                    double inv = 1 / Math.Sqrt(variance + n.Epsilon);
                    var y = new float[x.Length];
                    for (int i = 0; i < x.Length; i++) y[i] = (float)((x[i] - mean) * inv * n.Scale[i] + n.Shift[i]);
                    x = y;
                    break;
                }
                case ActivationLayer a:
                {
                    var y = new float[x.Length];
                    for (int i = 0; i < x.Length; i++) y[i] = Activate(a.Activation, x[i]);
                    x = y;
                    break;
                }
                case DropoutLayer:
                    break;
                case ResidualBlock b:
                {
                    float[] branch = Forward(b.Body, x);
                    var y = new float[x.Length];
                    for (int i = 0; i < x.Length; i++) y[i] = x[i] + branch[i];
                    x = y;
                    break;
                }
                default:
                    throw new NotSupportedException($"Layer type {layer.GetType().Name} is not supported by the managed scorer.");
            }
        }
        return x;
    }

    private static float Activate(Activation activation, float v) => activation switch
    {
        Activation.Relu => Math.Max(0, v),
        Activation.Gelu => (float)(0.5 * v * (1 + Erf(v / Math.Sqrt(2)))),
        Activation.Selu => (float)(1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * (Math.Exp(v) - 1))),
        Activation.Silu => (float)(v / (1 + Math.Exp(-v))),
        _ => throw new NotSupportedException(activation.ToString()),
    };

    // erf via the complementary error function's Chebyshev fit (Numerical Recipes erfcc), |error| < 1.2e-7.
    private static double Erf(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
                   t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - r : r - 1;
    }
}
