using Microsoft.ML.Dropout.Export;

namespace Microsoft.ML.Dropout.Tabular.Ensembles;

/// <summary>[N, D] → [N, k, D]: each member gets a copy of the row (see <see cref="EnsembleView"/>).</summary>
/// <param name="Name">Layer name.</param>
/// <param name="Members">k.</param>
/// <param name="Size">D.</param>
public sealed record EnsembleViewLayer(string Name, int Members, int Size) : SnapshotLayer(Name), ITabularLayer
{
    int ITabularLayer.InputWidth => Size;
    int ITabularLayer.OutputWidth => Members * Size;

    float[] ITabularLayer.Forward(float[] rows, int rowCount)
    {
        var output = new float[(long)rowCount * Members * Size];
        for (int r = 0; r < rowCount; r++)
            for (int m = 0; m < Members; m++)
                Array.Copy(rows, (long)r * Size, output, ((long)r * Members + m) * Size, Size);
        return output;
    }

    string ITabularLayer.EmitOnnx(OnnxGraphBuilder g, string x)
    {
        string n = Name;
        string one = g.AddNode("Unsqueeze", $"{n}.unsqueeze", new[] { x, g.AddInt64Initializer($"{n}.axis1", new[] { 1L }, 1) });
        return g.AddNode("Expand", n, new[] { one, g.AddInt64Initializer($"{n}.shape", new long[] { 1, Members, 1 }, 3) });
    }
}
