using Microsoft.ML.Dropout.Export;

namespace Microsoft.ML.Dropout.Tabular.Ensembles;

/// <summary>y_i = Scale[i] ⊙ x_i for each member i (see <see cref="EnsembleScale"/>); rows are k members × D.</summary>
/// <param name="Name">Layer name.</param>
/// <param name="Members">k.</param>
/// <param name="Size">D.</param>
/// <param name="Scale">[k, D].</param>
public sealed record EnsembleScaleLayer(string Name, int Members, int Size, float[] Scale) : SnapshotLayer(Name), ITabularLayer
{
    int ITabularLayer.InputWidth => Members * Size;
    int ITabularLayer.OutputWidth => Members * Size;

    float[] ITabularLayer.Forward(float[] rows, int rowCount)
    {
        LayerArrays.CheckLength(Name, nameof(Scale), Scale, (long)Members * Size);
        var output = new float[rows.Length];
        int width = Members * Size;
        for (long i = 0; i < (long)rowCount * width; i++)
            output[i] = rows[i] * Scale[i % width];
        return output;
    }

    string ITabularLayer.EmitOnnx(OnnxGraphBuilder g, string x)
    {
        LayerArrays.CheckLength(Name, nameof(Scale), Scale, (long)Members * Size);
        return g.AddNode("Mul", Name, new[] { x, g.AddInitializer($"{Name}.scale", Scale, Members, Size) });
    }
}
