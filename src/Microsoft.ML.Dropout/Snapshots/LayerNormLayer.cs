namespace Microsoft.ML.Dropout.Snapshots;

/// <summary>LayerNorm over the last dimension: (x − mean)/√(var + ε)·scale + shift (biased variance).</summary>
public sealed record LayerNormLayer(string Name, int Size, float[] Scale, float[] Shift, float Epsilon) : SnapshotLayer(Name);
