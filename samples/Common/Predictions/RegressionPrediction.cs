namespace MLNetRegularization.Samples.Predictions;

/// <summary>Output of a regression model for PredictionEngine.</summary>
public sealed class RegressionPrediction
{
    /// <summary>The predicted value, in label units.</summary>
    public float Score { get; set; }
}
