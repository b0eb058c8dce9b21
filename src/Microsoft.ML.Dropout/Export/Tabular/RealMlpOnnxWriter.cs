using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Export.Tabular;

/// <summary>ONNX nodes of the RealMLP-TD layers.</summary>
internal static class RealMlpOnnxWriter
{
    /// <summary>Mul by the [D] scales.</summary>
    internal static string FrontScale(OnnxGraphBuilder g, FrontScaleLayer layer, string x)
    {
        ((ITabularSnapshotLayer)layer).Validate();
        return g.AddNode("Mul", layer.Name, new[] { x, g.AddInitializer($"{layer.Name}.scale", layer.Scale, layer.Size) });
    }

    /// <summary>x + α·(f(x) − x), with f written as the activation layers are; α [D] broadcasts over an ensemble's [N, k, D].</summary>
    internal static string ParametricActivation(OnnxGraphBuilder g, ParametricActivationLayer layer, string x)
    {
        ((ITabularSnapshotLayer)layer).Validate();
        string n = layer.Name;
        string f = new OnnxLayerWriter(g, null).Walk(new SnapshotLayer[] { new ActivationLayer($"{n}.f", layer.Activation) }, x);
        string difference = g.AddNode("Sub", $"{n}.difference", new[] { f, x });
        string scaled = g.AddNode("Mul", $"{n}.scaled", new[] { difference, g.AddInitializer($"{n}.alpha", layer.Alpha, layer.Size) });
        return g.AddNode("Add", n, new[] { x, scaled });
    }
}
