using Microsoft.ML.Dropout.Schedules;

namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>
/// Sets the learning rate before every optimizer step from the schedule (by global step) and reports each epoch's
/// monitored loss to it (validation loss, or training loss without validation data), which reduce-on-plateau uses.
/// </summary>
internal sealed class LearningRateScheduler : ITrainingCallback
{
    private readonly ILearningRateSchedule _schedule;

    internal LearningRateScheduler(ILearningRateSchedule schedule) => _schedule = schedule;

    public int Order => BuiltInCallbackOrder.First;

    public void OnTrainBegin(TrainingContext context) => context.InitialLearningRate(_schedule.LearningRateAt(0));

    public void OnBatchBegin(TrainingContext context) => context.SetLearningRate(_schedule.LearningRateAt(context.Step));

    public void OnEpochEnd(TrainingContext context) =>
        _schedule.ReportEpochLoss(context.LastEpoch!.ValidLoss ?? context.LastEpoch.TrainLoss);
}
