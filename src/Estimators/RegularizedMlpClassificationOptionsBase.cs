using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// Options of the binary and multiclass RegularizedMlp trainers: the engine's classification settings
/// (<see cref="MlpClassificationOptions"/>, flat) plus the ML.NET columns, the memory budget and
/// <see cref="UnbalancedSets"/>. Values are validated by the setters and, against each other, when the trainer is
/// constructed, which also copies them: changing this object afterwards does not change that trainer.
/// </summary>
public abstract class RegularizedMlpClassificationOptionsBase : MlpClassificationOptions, IRegularizedMlpDataOptions
{
    /// <inheritdoc/>
    public string LabelColumnName { get; set => field = Writable(value); } = Defaults.LabelColumnName;

    /// <inheritdoc/>
    public string FeatureColumnName { get; set => field = Writable(value); } = Defaults.FeatureColumnName;

    /// <inheritdoc/>
    public string? ExampleWeightColumnName { get; set => field = Writable(value); }

    /// <inheritdoc/>
    public long MemoryBudgetBytes { get; set => field = Writable(value); } = Defaults.MemoryBudgetBytes;

    /// <inheritdoc/>
    public StreamingMode Streaming { get; set => field = Writable(value); } = Defaults.Streaming;

    /// <inheritdoc/>
    public string? StreamingCacheDirectory { get; set => field = Writable(value); }

    /// <inheritdoc/>
    public CancellationToken CancellationToken { get; set => field = Writable(value); }

    /// <inheritdoc/>
    public IDataView? ValidationSet { get; set => field = Writable(value); }

    /// <summary>
    /// Weight each class by n / (K · n_class) computed on the training rows, so rare classes count as much as
    /// common ones. Default false. Cannot be combined with <see cref="MlpClassificationOptions.ClassWeights"/>.
    /// </summary>
    public bool UnbalancedSets { get; set => field = Writable(value); } = Defaults.UnbalancedSets;
}
