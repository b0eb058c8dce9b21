using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Training;

/// <summary>The tensors of one training minibatch (see <see cref="TensorDataset"/> for their types).</summary>
/// <param name="X">The network's prepared inputs (<see cref="ITrainableNetwork.PrepareInputs"/> of the features [rows, F]).</param>
/// <param name="Y">Targets [rows].</param>
/// <param name="Weights">Example weights [rows], or null.</param>
/// <param name="RawLabels">Regression labels in label units [rows], or null for classification.</param>
internal readonly record struct Minibatch(Tensor X, Tensor Y, Tensor? Weights, Tensor? RawLabels);
