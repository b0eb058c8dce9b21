using Microsoft.ML.Dropout.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks;

/// <summary>The weight and bias of a linear module of <see cref="MlpNetwork"/>: TorchSharp's Linear or a <see cref="DropConnectLinear"/>.</summary>
internal static class LinearParameters
{
    /// <summary>The [out, in] weight matrix.</summary>
    internal static Tensor Weight(nn.Module<Tensor, Tensor> linear) => Of(linear).Weight;

    /// <summary>The [out] bias.</summary>
    internal static Tensor Bias(nn.Module<Tensor, Tensor> linear) => Of(linear).Bias;

    private static (Tensor Weight, Tensor Bias) Of(nn.Module<Tensor, Tensor> linear) => linear switch
    {
        TorchSharp.Modules.Linear l => (l.weight, l.bias!),
        DropConnectLinear d => (d.weight, d.bias),
        _ => throw new InvalidOperationException($"Unexpected linear module type {linear.GetType().Name}: expected Linear or DropConnectLinear."),
    };
}
