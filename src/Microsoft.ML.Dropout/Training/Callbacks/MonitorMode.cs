namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>Which direction of a monitored value counts as better.</summary>
public enum MonitorMode
{
    /// <summary>Lower for losses and RMSE, higher for accuracy (decided from the metric and the task).</summary>
    Auto,
    /// <summary>Lower is better.</summary>
    Min,
    /// <summary>Higher is better.</summary>
    Max,
}
