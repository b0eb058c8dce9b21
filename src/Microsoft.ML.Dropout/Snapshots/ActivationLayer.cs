
namespace Microsoft.ML.Dropout.Snapshots;

/// <summary>An element-wise activation.</summary>
public sealed record ActivationLayer(string Name, Activation Activation) : SnapshotLayer(Name);
