namespace Microsoft.ML.Dropout.Training;

/// <summary>What one epoch of training measured. Epochs are numbered from 1.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's minibatches (train mode, regularizers active, penalties excluded).</param>
/// <param name="ValidLoss">Validation loss in eval mode (same loss, no label smoothing), or null without validation data.</param>
/// <param name="TrainMetric">Training accuracy (classification) or RMSE in label units (regression), measured on the training minibatches in train mode.</param>
/// <param name="ValidMetric">Validation accuracy (classification) or RMSE in label units (regression), eval mode; null without validation data.</param>
/// <param name="LearningRate">Learning rate at the end of the epoch.</param>
/// <param name="DropoutRates">Dropout rate of each dropout site (input first, then hidden layers) during the epoch.</param>
/// <param name="Seconds">Wall-clock seconds the epoch took, validation included.</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double? ValidLoss,
    double TrainMetric,
    double? ValidMetric,
    double LearningRate,
    IReadOnlyList<double> DropoutRates,
    double Seconds)
{
    /// <summary>
    /// Ensembles (EnsembleSize &gt; 1) with validation data: the population standard deviation of the k members'
    /// validation losses (each member scored alone, eval mode, same loss as <see cref="ValidLoss"/>); near 0 when the
    /// members have become one model, large when some members fit much worse than others. Null otherwise.
    /// </summary>
    public double? MemberSpread { get; init; }

    /// <summary>Train metric minus validation metric: the overfitting gap (positive = overfitting for accuracy).</summary>
    public double? Gap => ValidMetric is null ? null : TrainMetric - ValidMetric.Value;
}
