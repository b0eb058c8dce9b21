using Microsoft.ML.Dropout.Export;

namespace Microsoft.ML.Dropout.Tabular.RealMlp;

/// <summary>y = x ⊙ Scale (see <see cref="FrontScale"/>).</summary>
/// <param name="Name">Layer name.</param>
/// <param name="Size">D.</param>
/// <param name="Scale">[D].</param>
public sealed record FrontScaleLayer(string Name, int Size, float[] Scale) : SnapshotLayer(Name), ITabularLayer
{
    int ITabularLayer.InputWidth => Size;
    int ITabularLayer.OutputWidth => Size;

    float[] ITabularLayer.Forward(float[] rows, int rowCount)
    {
        LayerArrays.CheckLength(Name, nameof(Scale), Scale, Size);
        var output = new float[(long)rowCount * Size];
        for (long i = 0; i < output.LongLength; i++)
            output[i] = rows[i] * Scale[i % Size];
        return output;
    }

    string ITabularLayer.EmitOnnx(OnnxGraphBuilder g, string x)
    {
        LayerArrays.CheckLength(Name, nameof(Scale), Scale, Size);
        return g.AddNode("Mul", Name, new[] { x, g.AddInitializer($"{Name}.scale", Scale, Size) });
    }
}
