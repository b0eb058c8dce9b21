using Microsoft.ML.Dropout.Inference.Tabular;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Export;

/// <summary>
/// Writes snapshot layers as ONNX nodes, threading the name of the current tensor: <see cref="DenseLayer"/> →
/// Gemm(transB = 1); <see cref="LayerNormLayer"/> → LayerNormalization (axis −1, its epsilon); ReLU → Relu;
/// GELU → 0.5·x·(1 + Erf(x/√2)) (opset 17 has no Gelu); SELU → Selu with <see cref="ActivationMath"/>'s α and γ;
/// SiLU → x·Sigmoid(x); <see cref="DropoutLayer"/> → the identity unless a site writer is given;
/// <see cref="ResidualBlock"/> → Add(x, body(x)). Node and tensor names derive from the layer names.
/// <see cref="WalkFoldingEmbeddings"/> writes a piecewise-linear embedding and the dense layer reading it as one
/// folded lookup where managed scoring folds them.
/// </summary>
internal sealed class OnnxLayerWriter : SnapshotWalker<string>
{
    private readonly OnnxGraphBuilder _graph;
    private readonly Func<OnnxGraphBuilder, DropoutLayer, string, string>? _dropout;

    /// <param name="graph">The graph the nodes and initializers go to.</param>
    /// <param name="dropout">Writes a dropout site (e.g. MC-dropout noise); null = the identity, as at inference.</param>
    internal OnnxLayerWriter(OnnxGraphBuilder graph, Func<OnnxGraphBuilder, DropoutLayer, string, string>? dropout)
    {
        _graph = graph;
        _dropout = dropout;
    }

    /// <summary>
    /// <see cref="SnapshotWalker{T}.Walk"/>, except that a piecewise-linear embedding read by a dense layer it can be
    /// folded into (<see cref="PiecewiseLinearFoldTables.FoldableDense"/>) is written folded
    /// (<see cref="Tabular.PiecewiseLinearFoldedOnnxWriter"/>) — unless a dropout site writer is given and dropout
    /// sites lie between the two (they are then not the identity).
    /// </summary>
    internal string WalkFoldingEmbeddings(IReadOnlyList<SnapshotLayer> layers, string x)
    {
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i] is PiecewiseLinearEmbeddingLayer embedding
                && PiecewiseLinearFoldTables.FoldableDense(layers, i, embedding) is { } found
                && (_dropout is null || found.Index == i + 1))
            {
                x = Tabular.PiecewiseLinearFoldedOnnxWriter.Write(_graph, embedding, found.Dense, x);
                i = found.Index;
            }
            else
            {
                x = Walk(new[] { layers[i] }, x);
            }
        }
        return x;
    }

    protected override string VisitDense(DenseLayer dense, string x)
    {
        string w = _graph.AddInitializer($"{dense.Name}.weight", dense.Weight, dense.OutputSize, dense.InputSize);
        string b = _graph.AddInitializer($"{dense.Name}.bias", dense.Bias, dense.OutputSize);
        return _graph.AddNode("Gemm", dense.Name, new[] { x, w, b }, null, OnnxAttribute.Int("transB", 1));
    }

    protected override string VisitLayerNorm(LayerNormLayer norm, string x)
    {
        string scale = _graph.AddInitializer($"{norm.Name}.scale", norm.Scale, norm.Size);
        string shift = _graph.AddInitializer($"{norm.Name}.shift", norm.Shift, norm.Size);
        return _graph.AddNode("LayerNormalization", norm.Name, new[] { x, scale, shift }, null,
            OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", norm.Epsilon));
    }

    protected override string VisitDropout(DropoutLayer site, string x) => _dropout is null ? x : _dropout(_graph, site, x);

    protected override string VisitTabular(SnapshotLayer layer, string x) => Tabular.TabularOnnxWriter.Write(_graph, layer, x);

    protected override string VisitResidual(ResidualBlock block, string x)
    {
        string body = Walk(block.Body, x);
        return _graph.AddNode("Add", block.Name, new[] { x, body });
    }

    protected override string VisitActivation(ActivationLayer layer, string x)
    {
        var g = _graph;
        string n = layer.Name;
        switch (layer.Activation)
        {
            case Activation.Relu:
                return g.AddNode("Relu", n, new[] { x });
            case Activation.Selu:
                return g.AddNode("Selu", n, new[] { x }, null,
                    OnnxAttribute.Float("alpha", (float)ActivationMath.SeluAlpha), OnnxAttribute.Float("gamma", (float)ActivationMath.SeluScale));
            case Activation.Silu:
                string sigmoid = g.AddNode("Sigmoid", $"{n}.sigmoid", new[] { x });
                return g.AddNode("Mul", n, new[] { x, sigmoid });
            default: // Gelu: 0.5·x·(1 + erf(x/√2))
                string sqrt2 = g.AddScalar($"{n}.sqrt2", (float)Math.Sqrt(2));
                string one = g.AddScalar($"{n}.one", 1f);
                string half = g.AddScalar($"{n}.half", 0.5f);
                string scaled = g.AddNode("Div", $"{n}.scaled", new[] { x, sqrt2 });
                string erf = g.AddNode("Erf", $"{n}.erf", new[] { scaled });
                string onePlus = g.AddNode("Add", $"{n}.one_plus_erf", new[] { erf, one });
                string product = g.AddNode("Mul", $"{n}.x_times", new[] { x, onePlus });
                return g.AddNode("Mul", n, new[] { product, half });
        }
    }
}
