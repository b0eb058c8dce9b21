using Microsoft.ML.Dropout.Optimization;
using TorchSharp;

namespace Microsoft.ML.Dropout.Training;

/// <summary>State shared with <see cref="ITrainingCallback"/>s during one <see cref="MlpTrainer.Fit(TrainingData, TrainingData, IProgress{EpochMetrics}, CancellationToken)"/> call.</summary>
public sealed class TrainingContext
{
    private readonly List<EpochMetrics> _history = new();

    internal TrainingContext(MlpTrainerOptions options, TrainingTask task, ResolvedSettings settings)
    {
        Options = options.Clone();
        Options.MakeReadOnly();
        Task = task;
        Settings = settings;
        (TrainRows, ValidRows) = (settings.TrainingRows, settings.ValidationRows);
    }

    /// <summary>
    /// The options training runs with, read-only (<see cref="Networks.MlpArchitecture.IsReadOnly"/>): every setter throws
    /// <see cref="InvalidOperationException"/> naming the option, since the trainer and its built-in callbacks were
    /// configured before the first epoch. Its runtime type is the options type given to the trainer (e.g. an ML.NET
    /// trainer's <c>Options</c>), so a callback may cast to read task-specific settings.
    /// </summary>
    public MlpTrainerOptions Options { get; }
    /// <summary>A context for <paramref name="trainRows"/> and <paramref name="validRows"/> rows, with the settings resolved for them (for tests of single callbacks).</summary>
    internal TrainingContext(MlpTrainerOptions options, TrainingTask task, int trainRows, int validRows)
        : this(options, task, ResolvedSettings.Resolve(options, trainRows, validRows))
    {
    }

    /// <summary>The task being trained (kind and class count).</summary>
    public TrainingTask Task { get; }
    /// <summary>The values in force where an option is decided by a rule or the data (batch size, warm-up), with their warnings.</summary>
    public ResolvedSettings Settings { get; }
    /// <summary>Rows in the training split.</summary>
    public int TrainRows { get; }
    /// <summary>Rows in the validation split (0 = none).</summary>
    public int ValidRows { get; }
    /// <summary>Current 1-based epoch (0 before the first).</summary>
    public int Epoch { get; internal set; }
    /// <summary>Current 0-based batch within the epoch.</summary>
    public int Batch { get; internal set; }
    /// <summary>Optimizer steps taken so far over all epochs (the global 0-based step of the batch in progress).</summary>
    public int Step { get; internal set; }
    /// <summary>Loss of the last minibatch (the task loss, without penalty terms).</summary>
    public double BatchLoss { get; internal set; }
    /// <summary>The learning rate in force (set before each batch by the learning-rate schedule, or by <see cref="SetLearningRate"/>).</summary>
    public double LearningRate { get; private set; }
    /// <summary>The dropout rate of each dropout site (input first) in force this epoch.</summary>
    public IReadOnlyList<double> DropoutRates { get; internal set; } = Array.Empty<double>();
    /// <summary>Epoch metrics so far.</summary>
    public IReadOnlyList<EpochMetrics> History => _history;
    /// <summary>The metrics of the epoch that just ended (null before the first).</summary>
    public EpochMetrics? LastEpoch { get; internal set; }
    /// <summary>
    /// The network being trained (train mode during epochs). Callbacks may read it, e.g. to evaluate in eval mode;
    /// they must restore train() if they call eval() before the epoch ends, and must not dispose it.
    /// </summary>
    public torch.nn.Module<torch.Tensor, torch.Tensor> Model { get; internal set; } = null!;
    /// <summary>The trainable parameters in the optimizer's groups (decayed weight matrices, then the rest).</summary>
    public ParameterGroups Parameters { get; internal set; } = null!;
    /// <summary>
    /// <see cref="Parameters"/> and their gradients laid out in one buffer each, when the trainer could (null otherwise,
    /// and in contexts made for single callbacks): the built-in callbacks then work on the whole buffer at once.
    /// </summary>
    internal ContiguousParameters? Contiguous { get; init; }
    /// <summary>The optimizer (do not dispose it).</summary>
    public torch.optim.Optimizer Optimizer { get; internal set; } = null!;
    /// <summary>The 1-based best epoch by the monitored validation value so far (0 = none yet or no validation data).</summary>
    public int BestEpoch { get; internal set; }
    /// <summary>The epoch whose weights were loaded back at the end (0 = none); set before callbacks of a higher order than early stopping's see <see cref="ITrainingCallback.OnTrainEnd"/>.</summary>
    public int RestoredEpoch { get; internal set; }
    /// <summary>True once a stop was requested; the loop ends after the current epoch.</summary>
    public bool IsStopRequested => StopReason is not null;
    /// <summary>Why training is stopping (null while it runs on).</summary>
    public StopReason? StopReason { get; private set; }
    /// <summary>The message given with the stop request (null while training runs on).</summary>
    public string? StopMessage { get; private set; }

    /// <summary>
    /// Ends training after the current epoch (its end-of-epoch callbacks still run). The first request wins,
    /// except that a cancellation replaces an earlier request (the unfinished epoch is discarded).
    /// </summary>
    /// <param name="reason">Why: <see cref="Training.StopReason.CallbackRequested"/> for a user callback.</param>
    /// <param name="message">A sentence for the result and the log, e.g. what was observed.</param>
    public void Stop(StopReason reason, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (StopReason is not null && reason != Training.StopReason.Cancelled)
            return;
        StopReason = OptionGuard.Defined(reason, nameof(reason));
        StopMessage = message;
    }

    /// <summary>Sets the learning rate of every parameter group from the next optimizer step on.</summary>
    /// <param name="learningRate">The rate, ≥ 0.</param>
    public void SetLearningRate(double learningRate)
    {
        OptimizerFactory.SetLearningRate(Optimizer, OptionGuard.NonNegative(learningRate, nameof(learningRate)));
        LearningRate = learningRate;
    }

    internal void InitialLearningRate(double learningRate) => LearningRate = learningRate;

    internal void Record(EpochMetrics metrics) => _history.Add(metrics);
}
