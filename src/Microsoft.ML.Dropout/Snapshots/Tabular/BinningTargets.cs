namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>
/// The training labels (and example weights) that target-aware bins are fitted to, row-aligned with the training
/// features (see <see cref="TargetAwareBins"/>).
/// </summary>
/// <param name="Labels">One label per training row: 0/1 (binary), class index 0..K−1 (multiclass) or the target (regression).</param>
/// <param name="Weights">Optional non-negative example weights, one per row; null = every row weighs 1.</param>
/// <param name="Task">Which impurity the trees use: class Gini impurity (classification) or variance (regression).</param>
public sealed record BinningTargets(float[] Labels, float[]? Weights, TaskKind Task)
{
    /// <summary>The labels and weights of a training table.</summary>
    /// <param name="train">The training rows (after any validation split).</param>
    /// <param name="task">The task.</param>
    public static BinningTargets From(TrainingData train, TaskKind task)
    {
        ArgumentNullException.ThrowIfNull(train);
        return new BinningTargets(train.Labels, train.Weights, task);
    }
}
