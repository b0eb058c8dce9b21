using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Export.Tabular;
using Microsoft.ML.Dropout.Inference.Tabular;
using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using Microsoft.ML.Dropout.Tests.Export;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Tabular;

/// <summary>
/// Runs one tabular piece three ways — the TorchSharp module (eval mode), the snapshot's managed forward and the
/// snapshot's ONNX subgraph in ONNX Runtime — on the same rows and asserts they agree.
/// </summary>
internal static class TabularParity
{
    /// <param name="module">The TorchSharp module.</param>
    /// <param name="layer">Its snapshot.</param>
    /// <param name="rows">Row-major inputs, rowCount × InputWidth.</param>
    /// <param name="rowCount">Rows.</param>
    /// <param name="innerShape">Shape of one row as the module reads it (e.g. [k, D] for ensemble layers); null = [InputWidth].</param>
    internal static float[] AssertAgree(nn.Module<Tensor, Tensor> module, SnapshotLayer layer, float[] rows, int rowCount,
        long[]? innerShape = null, double tolerance = 1e-5)
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        var piece = (ITabularSnapshotLayer)layer;
        innerShape ??= new long[] { piece.InputWidth };

        module.eval();
        float[] torchOut;
        using (var input = tensor(rows, new long[] { rowCount }.Concat(innerShape).ToArray()))
        using (no_grad())
        using (var output = module.forward(input))
            torchOut = output.contiguous().data<float>().ToArray();

        float[] managed = TabularLayerForward.Run(layer, rows, rowCount);
        float[] onnx = RunOnnx(layer, rows, rowCount, innerShape);

        Assert.Equal(rowCount * piece.OutputWidth, torchOut.Length);
        OrtRunner.AssertClose(torchOut, managed, tolerance);
        OrtRunner.AssertClose(torchOut, onnx, tolerance);
        return torchOut;
    }

    /// <summary>A chain of tabular layers run three ways: the module (eval mode), the managed chain and ONNX Runtime.</summary>
    internal static void AssertChainAgrees(nn.Module<Tensor, Tensor> module, IReadOnlyList<SnapshotLayer> layers, float[] rows, int rowCount, int inputWidth)
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        module.eval();
        float[] torchOut;
        using (var input = tensor(rows, new long[] { rowCount, inputWidth }))
        using (no_grad())
        using (var output = module.forward(input))
            torchOut = output.contiguous().data<float>().ToArray();
        float[] managed = layers.Aggregate(rows, (x, layer) => Managed(layer, x, rowCount));
        OrtRunner.AssertClose(torchOut, managed);
        OrtRunner.AssertClose(torchOut, RunOnnx(layers, rows, rowCount, new long[] { inputWidth }));
    }

    /// <summary>A tabular layer's managed forward; activations element-wise, dropout sites as the identity (inference), residual blocks x + body(x).</summary>
    private static float[] Managed(SnapshotLayer layer, float[] x, int rowCount) => layer switch
    {
        ActivationLayer a => x.Select(v => (float)(a.Activation switch
        {
            Activation.Relu => ActivationMath.Relu(v),
            Activation.Gelu => ActivationMath.Gelu(v),
            Activation.Selu => ActivationMath.Selu(v),
            _ => ActivationMath.Silu(v),
        })).ToArray(),
        DropoutLayer => x,
        ResidualBlock block => block.Body.Aggregate(x, (y, inner) => Managed(inner, y, rowCount)).Zip(x, (body, input) => input + body).ToArray(),
        DenseLayer dense => Enumerable.Range(0, x.Length / dense.InputSize).SelectMany(r => Enumerable.Range(0, dense.OutputSize).Select(o =>
            (float)(dense.Bias[o] + Enumerable.Range(0, dense.InputSize).Sum(i => (double)x[r * dense.InputSize + i] * dense.Weight[o * dense.InputSize + i])))).ToArray(),
        _ => TabularLayerForward.Run(layer, x, rowCount),
    };

    /// <summary>A model [N, InputWidth] → (reshape to innerShape) → layer → [N, OutputWidth], run in ONNX Runtime.</summary>
    internal static float[] RunOnnx(SnapshotLayer layer, float[] rows, int rowCount, long[] innerShape) =>
        RunOnnx(new[] { layer }, rows, rowCount, innerShape);

    /// <summary>A model [N, InputWidth] → (reshape to innerShape) → layers → [N, OutputWidth], run in ONNX Runtime.</summary>
    internal static float[] RunOnnx(IReadOnlyList<SnapshotLayer> layers, float[] rows, int rowCount, long[] innerShape)
    {
        int inputWidth = (int)innerShape.Aggregate(1L, (a, b) => a * b);
        int outputWidth = ((ITabularSnapshotLayer)layers.Last(l => l is ITabularSnapshotLayer)).OutputWidth;
        var g = new OnnxGraphBuilder();
        g.Reserve("Features");
        g.Reserve("Output");
        g.AddInput("Features", OnnxGraphBuilder.ElementFloat, OnnxDimension.Symbolic("N"), OnnxDimension.Fixed(inputWidth));
        string x = "Features";
        if (innerShape.Length > 1)
            x = g.AddNode("Reshape", "test.in", new[] { x, g.AddInt64Initializer("test.in_shape", new long[] { -1 }.Concat(innerShape).ToArray(), innerShape.Length + 1) });
        string y = layers.Aggregate(x, (tensorName, layer) => layer is ITabularSnapshotLayer
            ? TabularOnnxWriter.Write(g, layer, tensorName)
            : new OnnxLayerWriter(g, null).Walk(new[] { layer }, tensorName));
        g.AddNode("Reshape", "Output", new[] { y, g.AddInt64Initializer("test.out_shape", new long[] { -1, outputWidth }, 2) }, "Output");
        g.AddOutput("Output", OnnxGraphBuilder.ElementFloat, OnnxDimension.Symbolic("N"), OnnxDimension.Fixed(outputWidth));
        byte[] model = g.BuildModel("tabular_piece", "tests", "0", OnnxExporter.IrVersion, OnnxExporter.OpsetVersion, Array.Empty<KeyValuePair<string, string>>());
        return OrtRunner.Run(model, rows, rowCount, inputWidth)["Output"].Values;
    }

    /// <summary>Seeded rows with skewed, differently scaled columns: column j is exp(N(0,1))·10^(j mod 4) − j.</summary>
    internal static float[] SkewedRows(int rowCount, int featureCount, int seed)
    {
        var rng = new Random(seed);
        var rows = new float[rowCount * featureCount];
        for (int r = 0; r < rowCount; r++)
            for (int j = 0; j < featureCount; j++)
                rows[r * featureCount + j] = (float)(Math.Exp(TestSnapshots.Gaussian(rng)) * Math.Pow(10, j % 4) - j);
        return rows;
    }

    /// <summary>Sets every <paramref name="every"/>-th value (starting at <paramref name="start"/>) to NaN.</summary>
    internal static float[] WithNaN(float[] rows, int every, int start = 3)
    {
        var copy = (float[])rows.Clone();
        for (int i = start; i < copy.Length; i += every)
            copy[i] = float.NaN;
        return copy;
    }
}
