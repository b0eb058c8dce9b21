using Microsoft.ML.Dropout.Training;
using TorchSharp;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>Records events, per-epoch weights and the final weights; can stop, cancel or run custom code.</summary>
internal sealed class RecordingCallback : ITrainingCallback
{
    public int Order { get; init; }
    public string Name { get; init; } = "";
    public List<string>? Log { get; init; }
    public Dictionary<int, Dictionary<string, float[]>> EpochWeights { get; } = new();
    public Dictionary<string, float[]> FinalWeights { get; private set; } = new();
    public Action<TrainingContext>? OnEpochBeginAction { get; init; }
    public Action<TrainingContext>? OnBatchEndAction { get; init; }
    public Action<TrainingContext>? OnTrainEndAction { get; init; }
    public int StopAtEpoch { get; init; }
    public bool RecordWeights { get; init; }

    public void OnTrainBegin(TrainingContext context) => Log?.Add($"{Name}:TrainBegin");
    public void OnEpochBegin(TrainingContext context) { Log?.Add($"{Name}:EpochBegin{context.Epoch}"); OnEpochBeginAction?.Invoke(context); }
    public void OnBatchEnd(TrainingContext context) => OnBatchEndAction?.Invoke(context);
    public void OnEpochEnd(TrainingContext context)
    {
        Log?.Add($"{Name}:EpochEnd{context.Epoch}");
        if (RecordWeights) EpochWeights[context.Epoch] = State(context.Model);
        if (StopAtEpoch == context.Epoch) context.Stop(StopReason.CallbackRequested, $"{Name} stops at epoch {context.Epoch}.");
    }
    public void OnTrainEnd(TrainingContext context)
    {
        Log?.Add($"{Name}:TrainEnd");
        if (RecordWeights) FinalWeights = State(context.Model);
        OnTrainEndAction?.Invoke(context);
    }

    internal static Dictionary<string, float[]> State(torch.nn.Module module)
    {
        using var scope = torch.NewDisposeScope();
        return module.state_dict().Where(kv => kv.Value.dtype == torch.float32)
            .ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().data<float>().ToArray());
    }
}
