using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Schedules;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using TorchSharp;

namespace Microsoft.ML.Dropout.Training;

/// <summary>Presents <see cref="TabularNetwork"/> (front + plain MLP or TabM ensemble) to the training loop.</summary>
internal sealed class TrainableTabularNetwork : ITrainableNetwork
{
    private readonly TabularNetwork _network;

    internal TrainableTabularNetwork(TabularNetwork network) => _network = network;

    /// <summary>Fits the front on the training rows (their labels too, for target-aware bins) and builds the body.</summary>
    internal static ITrainableNetwork Build(TrainingData train, int outputSize, TaskKind task, MlpArchitecture architecture)
        => new TrainableTabularNetwork(TabularNetwork.Build(train.Features, train.RowCount, train.FeatureCount, outputSize, task, architecture,
            BinningTargets.From(train, task)));

    public torch.nn.Module<torch.Tensor, torch.Tensor> Module => _network;

    /// <summary>The tabular network.</summary>
    internal TabularNetwork Network => _network;

    /// <summary>k in training mode for an ensemble (its output has k rows per input row), else 1.</summary>
    internal int RowsPerInputInTraining => _network.RowsPerInputInTraining;

    public void ConfigureForTrainingRows(int rows) => _network.Mlp?.ConfigureConcreteDropout(rows);

    public IReadOnlyList<double> ApplyDropoutSchedule(IDropoutSchedule schedule, int epoch, int totalEpochs)
        => _network.ApplyDropoutSchedule(schedule, epoch, totalEpochs);

    public torch.Tensor ConcreteDropoutRegularization() => _network.Mlp?.ConcreteDropoutRegularization() ?? torch.zeros(1).sum();

    public MlpSnapshot ToSnapshot(TaskKind task) => _network.ToSnapshot(task);

    public torch.Tensor PrepareInputs(torch.Tensor x) => _network.PrepareInputs(x);

    public torch.Tensor ForwardPrepared(torch.Tensor prepared) => _network.ForwardPrepared(prepared);

    public void Dispose() => _network.Dispose();
}
