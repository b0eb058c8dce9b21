using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Networks;

namespace Microsoft.ML.Dropout.Tabular.RealMlp;

/// <summary>y = x + Alpha ⊙ (f(x) − x) (see <see cref="ParametricActivation"/>).</summary>
/// <param name="Name">Layer name.</param>
/// <param name="Size">D.</param>
/// <param name="Activation">f.</param>
/// <param name="Alpha">[D].</param>
public sealed record ParametricActivationLayer(string Name, int Size, Activation Activation, float[] Alpha) : SnapshotLayer(Name), ITabularLayer
{
    int ITabularLayer.InputWidth => Size;
    int ITabularLayer.OutputWidth => Size;

    private double F(double x) => Activation switch
    {
        Activation.Relu => ActivationMath.Relu(x),
        Activation.Gelu => ActivationMath.Gelu(x),
        Activation.Selu => ActivationMath.Selu(x),
        _ => ActivationMath.Silu(x),
    };

    float[] ITabularLayer.Forward(float[] rows, int rowCount)
    {
        LayerArrays.CheckLength(Name, nameof(Alpha), Alpha, Size);
        var output = new float[(long)rowCount * Size];
        for (long i = 0; i < output.LongLength; i++)
        {
            double x = rows[i];
            output[i] = (float)(x + Alpha[i % Size] * (F(x) - x));
        }
        return output;
    }

    string ITabularLayer.EmitOnnx(OnnxGraphBuilder g, string x)
    {
        LayerArrays.CheckLength(Name, nameof(Alpha), Alpha, Size);
        string n = Name;
        string f = OnnxExporter.EmitLayers(g, new SnapshotLayer[] { new ActivationLayer($"{n}.f", Activation) }, x);
        string difference = g.AddNode("Sub", $"{n}.difference", new[] { f, x });
        string scaled = g.AddNode("Mul", $"{n}.scaled", new[] { difference, g.AddInitializer($"{n}.alpha", Alpha, Size) });
        return g.AddNode("Add", n, new[] { x, scaled });
    }
}
