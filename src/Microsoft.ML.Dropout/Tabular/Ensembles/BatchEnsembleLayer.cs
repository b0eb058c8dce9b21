using Microsoft.ML.Dropout.Export;

namespace Microsoft.ML.Dropout.Tabular.Ensembles;

/// <summary>
/// A <see cref="BatchEnsembleLinear"/> as plain arrays: member i maps its row x_i to
/// y_i = S[i] ⊙ (Weight·(R[i] ⊙ x_i)) + Bias[i]. Rows are k members × width.
/// </summary>
/// <param name="Name">Layer name.</param>
/// <param name="Members">k.</param>
/// <param name="InputSize">in.</param>
/// <param name="OutputSize">out.</param>
/// <param name="Weight">[out, in] shared (TorchSharp Linear layout).</param>
/// <param name="R">[k, in] input adapters.</param>
/// <param name="S">[k, out] output adapters.</param>
/// <param name="Bias">[k, out].</param>
public sealed record BatchEnsembleLayer(string Name, int Members, int InputSize, int OutputSize,
    float[] Weight, float[] R, float[] S, float[] Bias) : SnapshotLayer(Name), ITabularLayer
{
    int ITabularLayer.InputWidth => Members * InputSize;
    int ITabularLayer.OutputWidth => Members * OutputSize;

    internal void Validate()
    {
        LayerArrays.CheckLength(Name, nameof(Weight), Weight, (long)OutputSize * InputSize);
        LayerArrays.CheckLength(Name, nameof(R), R, (long)Members * InputSize);
        LayerArrays.CheckLength(Name, nameof(S), S, (long)Members * OutputSize);
        LayerArrays.CheckLength(Name, nameof(Bias), Bias, (long)Members * OutputSize);
    }

    float[] ITabularLayer.Forward(float[] rows, int rowCount)
    {
        Validate();
        int k = Members, n = InputSize, o = OutputSize;
        var output = new float[(long)rowCount * k * o];
        var scaled = new float[n];
        for (int row = 0; row < rowCount; row++)
            for (int m = 0; m < k; m++)
            {
                long x = ((long)row * k + m) * n, y = ((long)row * k + m) * o;
                for (int i = 0; i < n; i++)
                    scaled[i] = rows[x + i] * R[m * n + i];
                for (int j = 0; j < o; j++)
                {
                    double sum = 0;
                    for (int i = 0; i < n; i++)
                        sum += scaled[i] * Weight[j * n + i];
                    output[y + j] = (float)(sum * S[m * o + j] + Bias[m * o + j]);
                }
            }
        return output;
    }

    string ITabularLayer.EmitOnnx(OnnxGraphBuilder g, string x)
    {
        Validate();
        string n = Name;
        var transposed = new float[Weight.Length];
        for (int j = 0; j < OutputSize; j++)
            for (int i = 0; i < InputSize; i++)
                transposed[i * OutputSize + j] = Weight[j * InputSize + i];
        string scaled = g.AddNode("Mul", $"{n}.r", new[] { x, g.AddInitializer($"{n}.r", R, Members, InputSize) });
        string product = g.AddNode("MatMul", $"{n}.matmul", new[] { scaled, g.AddInitializer($"{n}.weight_t", transposed, InputSize, OutputSize) });
        string outScaled = g.AddNode("Mul", $"{n}.s", new[] { product, g.AddInitializer($"{n}.s", S, Members, OutputSize) });
        return g.AddNode("Add", n, new[] { outScaled, g.AddInitializer($"{n}.bias", Bias, Members, OutputSize) });
    }
}
