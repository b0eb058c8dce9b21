using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>The TorchSharp function of each <see cref="Activation"/>.</summary>
internal static class TorchActivation
{
    internal static Tensor Apply(Activation activation, Tensor x) => activation switch
    {
        Activation.Relu => nn.functional.relu(x),
        Activation.Gelu => nn.functional.gelu(x),
        Activation.Selu => nn.functional.selu(x),
        _ => nn.functional.silu(x),
    };
}
