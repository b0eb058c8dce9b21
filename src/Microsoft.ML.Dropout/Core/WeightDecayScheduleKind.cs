namespace Microsoft.ML.Dropout;

/// <summary>How the weight-decay coefficient changes over training.</summary>
public enum WeightDecayScheduleKind
{
    /// <summary>λ = WeightDecay throughout.</summary>
    Constant,
    /// <summary>
    /// RealMLP-TD's "flat_cos": λ for the first half of the optimizer steps, then a half-cosine down to 0
    /// (<c>FlatCosineWeightDecay</c>).
    /// </summary>
    FlatCosine,
}
