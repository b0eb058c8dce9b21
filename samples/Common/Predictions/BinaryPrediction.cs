namespace MLNetRegularization.Samples.Predictions;

/// <summary>Output of a binary classifier for PredictionEngine (ML.NET's standard column names).</summary>
public sealed class BinaryPrediction
{
    /// <summary>The predicted class (Score &gt; 0).</summary>
    public bool PredictedLabel { get; set; }
    /// <summary>P(true).</summary>
    public float Probability { get; set; }
    /// <summary>The raw score (logit).</summary>
    public float Score { get; set; }
}
