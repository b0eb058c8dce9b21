namespace MLNetRegularization.Samples.Comparison;

/// <summary>What one trainer measured on one split (null = not applicable to the task).</summary>
/// <param name="Trainer">Display name.</param>
/// <param name="TrainSeconds">Wall-clock seconds of <c>Fit</c> on the featurized training rows.</param>
/// <param name="RowsPerSecond">Test rows scored per second through <c>Transform</c> plus a cursor pass reading the outputs (after one warm-up pass).</param>
public sealed record ComparisonResult(string Trainer, double TrainSeconds, double RowsPerSecond)
{
    /// <summary>Accuracy (binary) or micro accuracy (multiclass).</summary>
    public double? Accuracy { get; init; }
    /// <summary>Area under the ROC curve (binary).</summary>
    public double? Auc { get; init; }
    /// <summary>Macro accuracy (multiclass).</summary>
    public double? MacroAccuracy { get; init; }
    /// <summary>Log-loss from ML.NET's evaluator (classification).</summary>
    public double? LogLoss { get; init; }
    /// <summary>Calibration from <c>mlContext.*.EvaluateCalibration</c> (classification).</summary>
    public Microsoft.ML.Dropout.Metrics.CalibrationMetrics? Calibration { get; init; }
    /// <summary>Expected calibration error, 15 equal-width bins (classification).</summary>
    public double? Ece { get; init; }
    /// <summary>Root mean squared error (regression).</summary>
    public double? Rmse { get; init; }
    /// <summary>Mean absolute error (regression).</summary>
    public double? Mae { get; init; }
    /// <summary>R² (regression).</summary>
    public double? RSquared { get; init; }
}
