using Microsoft.ML.Dropout.Schedules;
using Microsoft.ML.Dropout.Snapshots;
using TorchSharp;

namespace Microsoft.ML.Dropout.Training;

/// <summary>What the training loop needs from a network: the module and the dropout/export hooks of MlpNetwork.</summary>
internal interface ITrainableNetwork : IDisposable
{
    /// <summary>The module: named parameters, train()/eval(), forward, state_dict.</summary>
    torch.nn.Module<torch.Tensor, torch.Tensor> Module { get; }

    /// <summary>Tells the network the training-set size (concrete dropout scales its regularizer by 1/N).</summary>
    void ConfigureForTrainingRows(int rows);

    /// <summary>Sets every dropout site's rate for the 0-based epoch; returns the rates in force, input site first.</summary>
    IReadOnlyList<double> ApplyDropoutSchedule(IDropoutSchedule schedule, int epoch, int totalEpochs);

    /// <summary>The concrete-dropout regularizer (a 0 scalar without concrete dropout), added to the loss.</summary>
    torch.Tensor ConcreteDropoutRegularization();

    /// <summary>The network as plain arrays.</summary>
    MlpSnapshot ToSnapshot(TaskKind task);

    /// <summary>
    /// The network's parameter-free input stage for rows x [N, F] (e.g. the tabular front's preprocessing), which
    /// training computes once per row instead of once per minibatch and epoch; x itself when there is none.
    /// </summary>
    torch.Tensor PrepareInputs(torch.Tensor x) => x;

    /// <summary>The module's forward from <see cref="PrepareInputs"/>'s output: ForwardPrepared(PrepareInputs(x)) equals Module.forward(x) bit for bit.</summary>
    torch.Tensor ForwardPrepared(torch.Tensor prepared) => Module.forward(prepared);
}
