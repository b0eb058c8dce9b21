namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>Reports each epoch's metrics to an <see cref="IProgress{T}"/> once, after every other callback of the epoch ran.</summary>
internal sealed class ProgressReporter : ITrainingCallback
{
    private readonly IProgress<EpochMetrics> _progress;

    internal ProgressReporter(IProgress<EpochMetrics> progress) => _progress = progress;

    public int Order => BuiltInCallbackOrder.Last;

    public void OnEpochEnd(TrainingContext context) => _progress.Report(context.LastEpoch!);
}
