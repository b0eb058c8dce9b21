using Microsoft.ML.Dropout.Schedules;

namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>Before each epoch, sets every dropout site's rate from the schedule (concrete sites keep their learned rate) and records the rates in force.</summary>
internal sealed class DropoutScheduler : ITrainingCallback
{
    private readonly ITrainableNetwork _network;
    private readonly IDropoutSchedule _schedule;

    internal DropoutScheduler(ITrainableNetwork network, IDropoutSchedule schedule)
    {
        _network = network;
        _schedule = schedule;
    }

    public int Order => BuiltInCallbackOrder.First;

    public void OnEpochBegin(TrainingContext context) =>
        context.DropoutRates = _network.ApplyDropoutSchedule(_schedule, context.Epoch - 1, context.Settings.MaxEpochs).ToArray();
}
