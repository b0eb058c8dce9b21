namespace Microsoft.ML.Dropout;

/// <summary>Loss for regression, computed on standardized targets.</summary>
public enum RegressionLoss
{
    /// <summary>Mean squared error.</summary>
    Mse,
    /// <summary>Huber (smooth L1) with threshold HuberDelta, robust to outliers.</summary>
    Huber,
}
