using Microsoft.ML.Dropout.Native;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// G separate linear layers applied in parallel, one per embedded feature or ensemble member (rtdl's NLinear):
/// [N, G, in] → [N, G, out] with weights [G, in, out] and biases [G, out].
/// </summary>
internal static class PerFeatureLinear
{
    /// <summary>(x.transpose(0, 1) @ weight).transpose(0, 1) + bias.</summary>
    internal static Tensor Forward(Tensor x, Tensor weight, Tensor? bias)
    {
        using var scope = NewDisposeScope();
        var y = x.transpose(0, 1).matmul(weight).transpose(0, 1);
        if (bias is not null)
            y = KeptScalars.Add(y, bias);
        return y.MoveToOuterDisposeScope();
    }
}
