using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Schedules;
using Microsoft.ML.Dropout.Snapshots;
using TorchSharp;

namespace Microsoft.ML.Dropout.Training;

/// <summary>Presents <see cref="MlpNetwork"/> to the training loop.</summary>
internal sealed class TrainableMlpNetwork : ITrainableNetwork
{
    private readonly MlpNetwork _network;

    internal TrainableMlpNetwork(MlpNetwork network) => _network = network;

    internal static ITrainableNetwork Build(MlpArchitecture architecture, int inputSize, int outputSize)
        => new TrainableMlpNetwork(MlpNetwork.Build(architecture, inputSize, outputSize));

    public torch.nn.Module<torch.Tensor, torch.Tensor> Module => _network;

    public void ConfigureForTrainingRows(int rows) => _network.ConfigureConcreteDropout(rows);

    public IReadOnlyList<double> ApplyDropoutSchedule(IDropoutSchedule schedule, int epoch, int totalEpochs)
        => _network.ApplyDropoutSchedule(schedule, epoch, totalEpochs);

    public torch.Tensor ConcreteDropoutRegularization() => _network.ConcreteDropoutRegularization();

    public MlpSnapshot ToSnapshot(TaskKind task) => _network.ToSnapshot(task);

    public void Dispose() => _network.Dispose();
}
