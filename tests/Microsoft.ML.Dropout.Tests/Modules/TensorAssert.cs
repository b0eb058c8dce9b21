using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Modules;

/// <summary>Exact tensor comparison (TorchSharp's <c>Tensor.equal</c> is element-wise in 0.107).</summary>
internal static class TensorAssert
{
    internal static bool Identical(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape))
            return false;
        using var eq = a.eq(b);
        using var all = eq.all();
        return all.item<bool>();
    }
}
