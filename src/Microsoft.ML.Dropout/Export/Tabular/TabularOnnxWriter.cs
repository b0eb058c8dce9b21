using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Export.Tabular;

/// <summary>Writes any tabular snapshot layer as ONNX (opset 17) nodes, threading the current tensor's name.</summary>
internal static class TabularOnnxWriter
{
    /// <summary>Adds the nodes of <paramref name="layer"/> reading tensor <paramref name="x"/>; returns the output tensor's name.</summary>
    /// <exception cref="ArgumentException">The layer is not a tabular layer or its arrays do not fit its shape.</exception>
    internal static string Write(OnnxGraphBuilder g, SnapshotLayer layer, string x) => layer switch
    {
        PreprocessingLayer p => PreprocessingOnnxWriter.Write(g, p, x),
        PeriodicEmbeddingLayer p => PeriodicEmbeddingOnnxWriter.Write(g, p, x),
        PiecewiseLinearEncodingLayer p => PiecewiseLinearOnnxWriter.WriteEncoding(g, p, x),
        PiecewiseLinearEmbeddingLayer p => PiecewiseLinearOnnxWriter.WriteEmbedding(g, p, x),
        EnsembleViewLayer p => EnsembleOnnxWriter.View(g, p, x),
        BatchEnsembleLayer p => EnsembleOnnxWriter.BatchEnsemble(g, p, x),
        EnsembleScaleLayer p => EnsembleOnnxWriter.Scale(g, p, x),
        LinearEnsembleLayer p => EnsembleOnnxWriter.Heads(g, p, x),
        EnsembleMeanLayer p => EnsembleMeanOnnxWriter.Write(g, p, x),
        EnsembleLayerNormLayer p => EnsembleOnnxWriter.LayerNorm(g, p, x),
        FrontScaleLayer p => RealMlpOnnxWriter.FrontScale(g, p, x),
        ParametricActivationLayer p => RealMlpOnnxWriter.ParametricActivation(g, p, x),
        _ => throw new ArgumentException($"Snapshot layer '{layer.Name}' ({layer.GetType().Name}) is not a tabular layer."),
    };
}
