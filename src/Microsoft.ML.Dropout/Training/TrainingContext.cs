using TorchSharp;

namespace Microsoft.ML.Dropout.Training;

/// <summary>State shared with <see cref="ITrainingCallback"/>s during one <see cref="MlpTrainer.Fit"/> call.</summary>
public sealed class TrainingContext
{
    internal TrainingContext(MlpTrainerOptions options, TrainingTask task, int trainRows, int validRows)
    {
        Options = options;
        Task = task;
        TrainRows = trainRows;
        ValidRows = validRows;
    }

    /// <summary>The options training runs with.</summary>
    public MlpTrainerOptions Options { get; }
    /// <summary>The task being trained (kind and class count).</summary>
    public TrainingTask Task { get; }
    /// <summary>Rows in the training split.</summary>
    public int TrainRows { get; }
    /// <summary>Rows in the validation split (0 = none).</summary>
    public int ValidRows { get; }
    /// <summary>Current 1-based epoch (0 before the first).</summary>
    public int Epoch { get; internal set; }
    /// <summary>Current 0-based batch within the epoch.</summary>
    public int Batch { get; internal set; }
    /// <summary>Loss of the last minibatch.</summary>
    public double BatchLoss { get; internal set; }
    /// <summary>Current learning rate.</summary>
    public double LearningRate { get; internal set; }
    /// <summary>Epoch metrics so far.</summary>
    public IReadOnlyList<EpochMetrics> History => _history;
    /// <summary>The metrics of the epoch that just ended (null before the first).</summary>
    public EpochMetrics? LastEpoch => _history.Count == 0 ? null : _history[^1];
    /// <summary>
    /// The network being trained (train mode during epochs). Callbacks may read it, e.g. to evaluate in eval mode;
    /// they must restore train() if they call eval() before the epoch ends, and must not dispose it.
    /// </summary>
    public torch.nn.Module<torch.Tensor, torch.Tensor> Model { get; internal set; } = null!;
    /// <summary>Set to true to end training after the current epoch.</summary>
    public bool StopRequested { get; set; }
    /// <summary>Why a callback stopped training, for the result (optional).</summary>
    public string? StopMessage { get; set; }

    internal readonly List<EpochMetrics> _history = new();
}
