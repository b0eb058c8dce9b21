namespace Microsoft.ML.Dropout;

/// <summary>What early stopping (and restore-best-weights) monitors on the validation split.</summary>
public enum EarlyStoppingMetric
{
    /// <summary>Validation loss (lower is better). The default.</summary>
    ValidationLoss,
    /// <summary>Validation accuracy for classification (higher is better), RMSE for regression (lower is better).</summary>
    ValidationMetric,
}
