namespace Microsoft.ML.Dropout.Snapshots;

/// <summary>One layer of an <see cref="MlpSnapshot"/>. Names are stable and unique within a snapshot.</summary>
/// <param name="Name">Stable layer name, e.g. "hidden0.linear".</param>
public abstract record SnapshotLayer(string Name);
