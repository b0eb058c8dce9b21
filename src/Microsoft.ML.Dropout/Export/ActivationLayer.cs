using Microsoft.ML.Dropout.Networks;

namespace Microsoft.ML.Dropout.Export;

/// <summary>An element-wise activation.</summary>
public sealed record ActivationLayer(string Name, Activation Activation) : SnapshotLayer(Name);
