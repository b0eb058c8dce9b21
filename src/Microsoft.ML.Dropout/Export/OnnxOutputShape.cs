namespace Microsoft.ML.Dropout.Export;

/// <summary>
/// How <see cref="OnnxExporter"/> declares the shape of every graph output of width W (W = number of values per
/// row: 1 for a binary logit, a regression value, a head-compensated score or a predicted label; K for multiclass
/// logits and probabilities). ML.NET's OnnxTransformer turns the declared shape into the column type shown below
/// and feeds the graph one row at a time.
/// </summary>
public enum OnnxOutputShape
{
    /// <summary>
    /// [N, W] with a symbolic batch dimension N: valid for any batch size. ML.NET column: <c>Vector&lt;Single, 1, W&gt;</c>.
    /// </summary>
    BatchByWidth,

    /// <summary>
    /// [N] (the output is flattened): valid for any batch size, only when W = 1. ML.NET column: <c>Vector&lt;Single, 1&gt;</c>
    /// (a 1-slot vector), which a linear ML.NET head can use as its feature column.
    /// </summary>
    Batch,

    /// <summary>
    /// [W]: the graph reshapes the output to exactly W values, so it runs with one row per call only (as ML.NET
    /// does); a batch of N &gt; 1 rows fails in ONNX Runtime's Reshape. ML.NET column: <c>Vector&lt;Single, W&gt;</c>,
    /// e.g. a known-size multiclass Score vector.
    /// </summary>
    Width,
}
