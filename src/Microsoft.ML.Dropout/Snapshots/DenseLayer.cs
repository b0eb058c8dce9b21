namespace Microsoft.ML.Dropout.Snapshots;

/// <summary>y = W·x + b with <see cref="Weight"/> row-major [OutputSize, InputSize] (TorchSharp's Linear layout).</summary>
public sealed record DenseLayer(string Name, int InputSize, int OutputSize, float[] Weight, float[] Bias) : SnapshotLayer(Name);
