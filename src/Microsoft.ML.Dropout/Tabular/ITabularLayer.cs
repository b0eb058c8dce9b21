using Microsoft.ML.Dropout.Export;

namespace Microsoft.ML.Dropout.Tabular;

/// <summary>
/// What every tabular snapshot layer (preprocessing, numeric embeddings, ensemble layers, RealMLP pieces) can do
/// without TorchSharp: a managed forward pass on row-major float rows and an ONNX (opset 17) subgraph emitter.
/// Ensemble layers see a row as k members × width values (ONNX: a [N, k, width] tensor); the others see [N, width].
/// </summary>
internal interface ITabularLayer
{
    /// <summary>Values per row the layer reads (k·width for ensemble layers).</summary>
    int InputWidth { get; }

    /// <summary>Values per row the layer writes (k·width for ensemble layers).</summary>
    int OutputWidth { get; }

    /// <summary>The layer applied to <paramref name="rowCount"/> row-major rows of <see cref="InputWidth"/> values.</summary>
    float[] Forward(float[] rows, int rowCount);

    /// <summary>Adds the layer's nodes reading tensor <paramref name="input"/>; returns the output tensor's name.</summary>
    string EmitOnnx(OnnxGraphBuilder graph, string input);
}
