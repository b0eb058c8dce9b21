using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Export.Tabular;

/// <summary>ONNX nodes of the ensemble layers; ensemble tensors are [N, k, width].</summary>
internal static class EnsembleOnnxWriter
{
    /// <summary>Unsqueeze(axis 1) → Expand to [N, k, D].</summary>
    internal static string View(OnnxGraphBuilder g, EnsembleViewLayer layer, string x)
    {
        string n = layer.Name;
        string one = g.AddNode("Unsqueeze", $"{n}.unsqueeze", new[] { x, g.AddInt64Initializer($"{n}.axis1", new[] { 1L }, 1) });
        return g.AddNode("Expand", n, new[] { one, g.AddInt64Initializer($"{n}.shape", new long[] { 1, layer.Members, 1 }, 3) });
    }

    /// <summary>Mul(R) → MatMul(Wᵀ) → Mul(S) → Add(bias), broadcasting [k, ·] over the rows.</summary>
    internal static string BatchEnsemble(OnnxGraphBuilder g, BatchEnsembleLayer layer, string x)
    {
        layer.Validate();
        string n = layer.Name;
        int k = layer.Members, inSize = layer.InputSize, outSize = layer.OutputSize;
        var transposed = new float[layer.Weight.Length];
        for (int j = 0; j < outSize; j++)
            for (int i = 0; i < inSize; i++)
                transposed[i * outSize + j] = layer.Weight[j * inSize + i];
        string scaled = g.AddNode("Mul", $"{n}.r", new[] { x, g.AddInitializer($"{n}.r", layer.R, k, inSize) });
        string product = g.AddNode("MatMul", $"{n}.matmul", new[] { scaled, g.AddInitializer($"{n}.weight_t", transposed, inSize, outSize) });
        string outScaled = g.AddNode("Mul", $"{n}.s", new[] { product, g.AddInitializer($"{n}.s", layer.S, k, outSize) });
        return g.AddNode("Add", n, new[] { outScaled, g.AddInitializer($"{n}.bias", layer.Bias, k, outSize) });
    }

    /// <summary>Mul by the [k, D] scalings.</summary>
    internal static string Scale(OnnxGraphBuilder g, EnsembleScaleLayer layer, string x)
    {
        ((ITabularSnapshotLayer)layer).Validate();
        return g.AddNode("Mul", layer.Name, new[] { x, g.AddInitializer($"{layer.Name}.scale", layer.Scale, layer.Members, layer.Size) });
    }

    /// <summary>The k heads: Transpose → MatMul [k, in, out] → Transpose → Add [k, out].</summary>
    internal static string Heads(OnnxGraphBuilder g, LinearEnsembleLayer layer, string x)
    {
        layer.Validate();
        return EmbeddedColumnsOnnxWriter.PerGroupLinear(g, layer.Name, x, layer.Weight, layer.Bias, layer.Members, layer.InputSize, layer.OutputSize);
    }

    /// <summary>LayerNormalization over the last axis of [N, k, Size]: each member's row on its own.</summary>
    internal static string LayerNorm(OnnxGraphBuilder g, EnsembleLayerNormLayer layer, string x)
    {
        layer.Validate();
        string n = layer.Name;
        return g.AddNode("LayerNormalization", n, new[] { x, g.AddInitializer($"{n}.scale", layer.Scale, layer.Size), g.AddInitializer($"{n}.shift", layer.Shift, layer.Size) },
            null, OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", layer.Epsilon));
    }
}
