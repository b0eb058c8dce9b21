using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>Copies between float arrays and tensors for the tabular modules' snapshots and buffers.</summary>
internal static class TensorArrays
{
    /// <summary>A detached float copy of <paramref name="tensor"/>'s values (row-major).</summary>
    internal static float[] ToArray(Tensor tensor)
    {
        using var copy = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
        return copy.data<float>().ToArray();
    }

    /// <summary>A float tensor of shape <paramref name="shape"/> holding a copy of <paramref name="values"/>.</summary>
    internal static Tensor ToTensor(float[] values, params long[] shape) => tensor(values, shape, dtype: ScalarType.Float32);

    /// <summary>An int64 index tensor of <paramref name="indices"/>, or null when there are none.</summary>
    internal static Tensor? Indices(int[] indices) => indices.Length == 0 ? null : tensor(indices.Select(i => (long)i).ToArray());
}
