namespace Microsoft.ML.Dropout;

/// <summary>
/// Training rows read in passes instead of held in memory: one pass per epoch, each in its own seeded order. What
/// the model needs before training (in-model preprocessing statistics, label standardization, the no-skill check)
/// comes from <see cref="Sample"/>; the batch-size and epoch rules use <see cref="RowCount"/>. The ML.NET trainers
/// implement it over an IDataView when the data does not fit <c>MemoryBudgetBytes</c>; a TorchSharp user can
/// implement it over any store and call <c>MlpTrainer.Fit(IStreamedTrainingData, …)</c>.
/// </summary>
/// <remarks>
/// Rows follow <see cref="TrainingData"/>'s conventions (labels 0/1, class index or target; optional weights, all
/// rows or none). Validation rows are not part of the stream: pass them to Fit in memory.
/// </remarks>
public interface IStreamedTrainingData
{
    /// <summary>Features per row (≥ 1).</summary>
    int FeatureCount { get; }

    /// <summary>Training rows in every pass (≥ 1): each pass yields exactly this many.</summary>
    int RowCount { get; }

    /// <summary>A seeded sample of the training rows, small enough to hold in memory, for the statistics fitted before training.</summary>
    TrainingData Sample { get; }

    /// <summary>
    /// Every training row once, shuffled (the order depends on the seed and <paramref name="pass"/>, so passes differ
    /// and a rerun repeats them), in blocks of any size. A block's arrays may be reused once the enumerator moves on.
    /// </summary>
    /// <param name="pass">1 for the first epoch, 2 for the second, …</param>
    /// <param name="cancellationToken">Checked while reading; cancellation throws <see cref="OperationCanceledException"/>.</param>
    IEnumerable<TrainingRowBlock> ReadPass(int pass, CancellationToken cancellationToken);
}
