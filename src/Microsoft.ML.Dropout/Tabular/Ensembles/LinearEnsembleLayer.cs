using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Tabular.Embeddings;

namespace Microsoft.ML.Dropout.Tabular.Ensembles;

/// <summary>y_i = x_i·Weight[i] + Bias[i] for each member i (see <see cref="LinearEnsemble"/>); rows are k members × width.</summary>
/// <param name="Name">Layer name.</param>
/// <param name="Members">k.</param>
/// <param name="InputSize">in.</param>
/// <param name="OutputSize">out.</param>
/// <param name="Weight">[k, in, out].</param>
/// <param name="Bias">[k, out].</param>
public sealed record LinearEnsembleLayer(string Name, int Members, int InputSize, int OutputSize, float[] Weight, float[] Bias)
    : SnapshotLayer(Name), ITabularLayer
{
    int ITabularLayer.InputWidth => Members * InputSize;
    int ITabularLayer.OutputWidth => Members * OutputSize;

    internal void Validate()
    {
        LayerArrays.CheckLength(Name, nameof(Weight), Weight, (long)Members * InputSize * OutputSize);
        LayerArrays.CheckLength(Name, nameof(Bias), Bias, (long)Members * OutputSize);
    }

    float[] ITabularLayer.Forward(float[] rows, int rowCount)
    {
        Validate();
        int k = Members, n = InputSize, o = OutputSize;
        var output = new float[(long)rowCount * k * o];
        var y = new double[o];
        for (int row = 0; row < rowCount; row++)
            for (int m = 0; m < k; m++)
            {
                long x = ((long)row * k + m) * n;
                for (int j = 0; j < o; j++)
                    y[j] = Bias[m * o + j];
                for (int i = 0; i < n; i++)
                {
                    double xi = rows[x + i];
                    long w = ((long)m * n + i) * o;
                    for (int j = 0; j < o; j++)
                        y[j] += xi * Weight[w + j];
                }
                for (int j = 0; j < o; j++)
                    output[((long)row * k + m) * o + j] = (float)y[j];
            }
        return output;
    }

    string ITabularLayer.EmitOnnx(OnnxGraphBuilder g, string x)
    {
        Validate();
        return PerFeatureLinear.Emit(g, Name, x, Weight, Bias, Members, InputSize, OutputSize);
    }
}
