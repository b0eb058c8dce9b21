namespace Microsoft.ML.Dropout;

/// <summary>Hidden-layer activation function.</summary>
public enum Activation
{
    /// <summary>max(0, x).</summary>
    Relu,
    /// <summary>Exact GELU, x·Φ(x) = 0.5·x·(1 + erf(x/√2)) (TorchSharp's default <c>nn.GELU()</c>).</summary>
    Gelu,
    /// <summary>Scaled ELU (Klambauer et al. 2017); pair with <see cref="DropoutKind.Alpha"/> and no normalization.</summary>
    Selu,
    /// <summary>x·sigmoid(x) (also called Swish).</summary>
    Silu,
}
