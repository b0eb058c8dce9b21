using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Snapshots;

namespace Microsoft.ML.Dropout.Tests.Networks;

/// <summary>
/// A deliberately naive, double-precision evaluator of <see cref="MlpSnapshot"/> used only to check the export of
/// <see cref="MlpNetwork.ToSnapshot"/> against TorchSharp's eval-mode forward (dropout sites are the identity).
/// </summary>
internal static class SnapshotReferenceEvaluator
{
    internal static double[] Evaluate(MlpSnapshot snapshot, float[] row)
    {
        double[] x = row.Select(v => (double)v).ToArray();
        foreach (var layer in snapshot.Layers)
            x = Apply(layer, x);
        return x;
    }

    private static double[] Apply(SnapshotLayer layer, double[] x)
    {
        switch (layer)
        {
            case DenseLayer d:
                Assert.Equal(d.InputSize, x.Length);
                var y = new double[d.OutputSize];
                for (int o = 0; o < d.OutputSize; o++)
                {
                    double sum = d.Bias[o];
                    for (int k = 0; k < d.InputSize; k++)
                        sum += d.Weight[o * d.InputSize + k] * x[k];
                    y[o] = sum;
                }
                return y;
            case LayerNormLayer ln:
                double mean = x.Average();
                double variance = x.Select(v => (v - mean) * (v - mean)).Average();
                double inv = 1 / Math.Sqrt(variance + ln.Epsilon);
                return x.Select((v, i) => (v - mean) * inv * ln.Scale[i] + ln.Shift[i]).ToArray();
            case ActivationLayer a:
                return x.Select(v => Activate(a.Activation, v)).ToArray();
            case DropoutLayer:
                return x;
            case ResidualBlock r:
                double[] body = x;
                foreach (var inner in r.Body)
                    body = Apply(inner, body);
                return x.Select((v, i) => v + body[i]).ToArray();
            default:
                throw new NotSupportedException(layer.GetType().Name);
        }
    }

    private static double Activate(Activation activation, double v) => activation switch
    {
        Activation.Relu => Math.Max(0, v),
        Activation.Gelu => 0.5 * v * (1 + Erf(v / Math.Sqrt(2))),
        Activation.Selu => 1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * (Math.Exp(v) - 1)),
        Activation.Silu => v / (1 + Math.Exp(-v)),
        _ => throw new NotSupportedException(activation.ToString()),
    };

    // Abramowitz & Stegun 7.1.26: |error| ≤ 1.5e-7, enough for a 1e-5 comparison.
    private static double Erf(double x)
    {
        double sign = Math.Sign(x);
        x = Math.Abs(x);
        double t = 1 / (1 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return sign * (1 - poly * Math.Exp(-x * x));
    }
}
