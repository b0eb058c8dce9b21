namespace Microsoft.ML.Dropout;

/// <summary>The prediction task, which fixes the output layer and the loss.</summary>
public enum TaskKind
{
    /// <summary>One logit; labels 0/1; binary cross-entropy (optionally label-smoothed).</summary>
    BinaryClassification,
    /// <summary>K logits; labels 0..K−1; cross-entropy (optionally label-smoothed).</summary>
    MulticlassClassification,
    /// <summary>One output; MSE or Huber loss on standardized targets.</summary>
    Regression,
}
