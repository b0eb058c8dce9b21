using Microsoft.ML.Dropout.Export;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tabular.Embeddings;

/// <summary>
/// E separate linear layers, one per embedded feature (rtdl's NLinear): [N, E, in] → [N, E, out] with weights
/// [E, in, out] and biases [E, out].
/// </summary>
internal static class PerFeatureLinear
{
    /// <summary>TorchSharp: (x.transpose(0, 1) @ weight).transpose(0, 1) + bias.</summary>
    internal static Tensor Forward(Tensor x, Tensor weight, Tensor? bias)
    {
        using var features = x.transpose(0, 1);
        using var product = features.matmul(weight);
        var y = product.transpose(0, 1);
        if (bias is null)
            return y;
        using (y)
            return y + bias;
    }

    /// <summary>ONNX: Transpose → MatMul → Transpose (→ Add the bias when given).</summary>
    internal static string Emit(OnnxGraphBuilder g, string name, string x, float[] weight, float[]? bias, int features, int inputs, int outputs)
    {
        string byFeature = g.AddNode("Transpose", $"{name}.by_feature", new[] { x }, null, OnnxAttribute.Ints("perm", 1, 0, 2));
        string w = g.AddInitializer($"{name}.weight", weight, features, inputs, outputs);
        string product = g.AddNode("MatMul", $"{name}.matmul", new[] { byFeature, w });
        string y = g.AddNode("Transpose", $"{name}.by_row", new[] { product }, null, OnnxAttribute.Ints("perm", 1, 0, 2));
        return bias is null ? y : g.AddNode("Add", name, new[] { y, g.AddInitializer($"{name}.bias", bias, features, outputs) });
    }
}
