using Microsoft.ML.Dropout.Snapshots;

namespace Microsoft.ML.Dropout.Inference;

/// <summary>
/// The forward pass of one block of rows through the snapshot's layers, one new array per layer, with the kernels of
/// <see cref="ForwardOps"/>. With noise, every dropout site on activations samples a training-mode mask from the
/// block's stream (MC dropout); without, sites are the identity.
/// </summary>
internal sealed class BlockForward : SnapshotWalker<float[]>
{
    private readonly int _rows;
    private readonly Dictionary<DenseLayer, float[]> _transposed;
    private readonly bool _sampleDropout;
    private NoiseRandom _rng;
    private int _width;

    /// <param name="rows">Rows in the block.</param>
    /// <param name="inputWidth">Values per input row.</param>
    /// <param name="transposed">Wᵀ of every dense layer (the pass's masked weights for DropConnect).</param>
    /// <param name="sampleDropout">Sample masks at the activation dropout sites (MC dropout).</param>
    /// <param name="rng">The block's random stream; unused without <paramref name="sampleDropout"/>.</param>
    internal BlockForward(int rows, int inputWidth, Dictionary<DenseLayer, float[]> transposed, bool sampleDropout, NoiseRandom rng)
    {
        _rows = rows;
        _width = inputWidth;
        _transposed = transposed;
        _sampleDropout = sampleDropout;
        _rng = rng;
    }

    protected override float[] VisitDense(DenseLayer dense, float[] x)
    {
        _width = dense.OutputSize;
        var y = new float[_rows * dense.OutputSize];
        ForwardOps.Dense(x, _rows, dense.InputSize, dense.OutputSize, _transposed[dense], dense.Bias, y);
        return y;
    }

    protected override float[] VisitLayerNorm(LayerNormLayer norm, float[] x)
    {
        var y = new float[x.Length];
        ForwardOps.LayerNorm(x, _rows, _width, norm, y);
        return y;
    }

    protected override float[] VisitActivation(ActivationLayer activation, float[] x)
    {
        var y = new float[x.Length];
        ForwardOps.Activate(x, activation.Activation, y);
        return y;
    }

    protected override float[] VisitDropout(DropoutLayer dropout, float[] x) =>
        _sampleDropout && dropout.Rate > 0 && dropout.Kind != DropoutKind.DropConnect
            ? Drop(x, dropout.Kind, dropout.Rate, ref _rng)
            : x;

    protected override float[] VisitTabular(SnapshotLayer layer, float[] x)
    {
        _width = ((Snapshots.Tabular.ITabularSnapshotLayer)layer).OutputWidth;
        return Tabular.TabularLayerForward.Run(layer, x, _rows);
    }

    protected override float[] VisitResidual(ResidualBlock block, float[] x)
    {
        float[] body = Walk(block.Body, x);
        var sum = new float[x.Length];
        ForwardOps.Add(x, body, sum);
        return sum;
    }

    /// <summary>Training-mode dropout of one site on activations (Concrete is sampled as Standard at its rate).</summary>
    private static float[] Drop(float[] x, DropoutKind kind, double rate, ref NoiseRandom rng)
    {
        var y = new float[x.Length];
        switch (kind)
        {
            case DropoutKind.Gaussian:
                // Multiplicative N(1, p/(1−p)) noise.
                double sigma = DropoutMath.GaussianStd(rate);
                for (int i = 0; i < x.Length; i++)
                    y[i] = (float)(x[i] * (1 + sigma * rng.NextGaussian()));
                break;
            case DropoutKind.Alpha:
                // Dropped units take SELU's saturation α' = −λα, then a·x + b restores mean 0 and variance 1.
                double saturation = DropoutMath.AlphaSaturation;
                double a = DropoutMath.AlphaScale(rate), b = DropoutMath.AlphaShift(rate);
                for (int i = 0; i < x.Length; i++)
                {
                    double value = rng.NextDouble() < rate ? saturation : x[i];
                    y[i] = (float)(a * value + b);
                }
                break;
            default:
                // Standard (and Concrete): inverted Bernoulli dropout r⊙x/(1−p).
                float scale = (float)DropoutMath.InvertedScale(rate);
                for (int i = 0; i < x.Length; i++)
                    y[i] = rng.NextDouble() < rate ? 0f : x[i] * scale;
                break;
        }
        return y;
    }
}
