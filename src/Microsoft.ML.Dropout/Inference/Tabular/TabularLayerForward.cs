using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Inference.Tabular;

/// <summary>The managed forward pass of any tabular snapshot layer (preprocessing, embeddings, ensemble and RealMLP layers).</summary>
internal static class TabularLayerForward
{
    /// <summary>Applies <paramref name="layer"/> to <paramref name="rowCount"/> row-major rows of its input width.</summary>
    /// <exception cref="ArgumentException">The layer is not a tabular layer or its arrays do not fit its shape.</exception>
    internal static float[] Run(SnapshotLayer layer, float[] rows, int rowCount) => layer switch
    {
        PreprocessingLayer p => PreprocessingForward.Run(p, rows, rowCount),
        PeriodicEmbeddingLayer p => PeriodicEmbeddingForward.Run(p, rows, rowCount),
        PiecewiseLinearEncodingLayer p => PiecewiseLinearForward.Encode(p, rows, rowCount),
        PiecewiseLinearEmbeddingLayer p => PiecewiseLinearForward.Embed(p, rows, rowCount),
        EnsembleViewLayer p => EnsembleForward.View(p, rows, rowCount),
        BatchEnsembleLayer p => EnsembleForward.BatchEnsemble(p, rows, rowCount),
        EnsembleScaleLayer p => EnsembleForward.Scale(p, rows, rowCount),
        LinearEnsembleLayer p => EnsembleForward.Heads(p, rows, rowCount),
        EnsembleMeanLayer p => EnsembleMeanForward.Run(p, rows, rowCount),
        EnsembleLayerNormLayer p => EnsembleForward.LayerNorm(p, rows, rowCount),
        FrontScaleLayer p => RealMlpForward.FrontScale(p, rows, rowCount),
        ParametricActivationLayer p => RealMlpForward.ParametricActivation(p, rows, rowCount),
        _ => throw new ArgumentException($"Snapshot layer '{layer.Name}' ({layer.GetType().Name}) is not a tabular layer."),
    };
}
