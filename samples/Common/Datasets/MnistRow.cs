using Microsoft.ML.Data;

namespace MLNetRegularization.Samples.Datasets;

/// <summary>One MNIST digit: 784 pixels (28×28, row-major) scaled to [0, 1], and the digit.</summary>
public sealed class MnistRow
{
    /// <summary>Number of pixels per image.</summary>
    public const int PixelCount = 784;

    /// <summary>Pixels scaled to [0, 1] (0 = background).</summary>
    [VectorType(PixelCount)] public float[] Features { get; set; } = Array.Empty<float>();

    /// <summary>The digit 0–9.</summary>
    public float Label { get; set; }
}
