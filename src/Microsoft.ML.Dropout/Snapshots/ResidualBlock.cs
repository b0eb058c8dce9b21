namespace Microsoft.ML.Dropout.Snapshots;

/// <summary>y = x + Body(x). The body's input and output widths are equal. DropPath is the identity at inference.</summary>
public sealed record ResidualBlock(string Name, IReadOnlyList<SnapshotLayer> Body) : SnapshotLayer(Name);
