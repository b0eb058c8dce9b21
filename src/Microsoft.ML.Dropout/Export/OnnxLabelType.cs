namespace Microsoft.ML.Dropout.Export;

/// <summary>Element type of the predicted-label output of <see cref="OnnxExporter"/>.</summary>
public enum OnnxLabelType
{
    /// <summary>int64 class index 0..K−1 (ONNX ArgMax's native type; ML.NET column of Int64).</summary>
    Int64,

    /// <summary>float32 class index 0..K−1 (exact for K &lt; 2²⁴; ML.NET column of Single).</summary>
    Single,
}
