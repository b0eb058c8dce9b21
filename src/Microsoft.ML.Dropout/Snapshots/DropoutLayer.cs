
namespace Microsoft.ML.Dropout.Snapshots;

/// <summary>
/// A dropout site: the identity at inference (and in ONNX export); kept so MC dropout can sample masks at the
/// positions and rates used in training. For <see cref="DropoutKind.DropConnect"/> the site masks the weights of
/// the next <see cref="DenseLayer"/> instead of activations.
/// </summary>
public sealed record DropoutLayer(string Name, DropoutKind Kind, double Rate) : SnapshotLayer(Name);
