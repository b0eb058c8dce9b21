namespace Microsoft.ML.Dropout.Export;

/// <summary>
/// How <see cref="OnnxExporter"/> declares the shape of every graph output of width W (W = number of values per
/// row: 1 for a binary logit, a regression value or a predicted label; K for multiclass logits and probabilities).
/// Both shapes keep the batch dimension N symbolic, so the graph runs on any number of rows per call.
/// </summary>
public enum OnnxOutputShape
{
    /// <summary>[N, W]: one row of W values per input row.</summary>
    BatchByWidth,

    /// <summary>[N]: the output is flattened to one value per input row; only when W = 1.</summary>
    Batch,
}
