namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>Appends each epoch's metrics to <see cref="TrainingContext.History"/> before any other end-of-epoch callback sees it.</summary>
internal sealed class HistoryRecorder : ITrainingCallback
{
    public int Order => BuiltInCallbackOrder.First;

    public void OnEpochEnd(TrainingContext context) => context.Record(context.LastEpoch!);
}
