namespace Microsoft.ML.Dropout;

/// <summary>Normalization placed between each hidden Linear layer and its activation.</summary>
public enum Normalization
{
    /// <summary>No normalization.</summary>
    None,
    /// <summary>LayerNorm: no running statistics, works at any batch size, combines safely with dropout.</summary>
    LayerNorm,
    /// <summary>BatchNorm1d: running statistics are folded into the preceding layer at export.</summary>
    BatchNorm,
}
