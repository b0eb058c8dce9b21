using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tabular;

/// <summary>Array checks of the tabular snapshot records and the copies between float arrays and tensors.</summary>
internal static class LayerArrays
{
    /// <summary>Throws unless <paramref name="values"/> has <paramref name="expected"/> elements.</summary>
    internal static void CheckLength(string layer, string array, Array values, long expected)
    {
        if (values.LongLength != expected)
            throw new ArgumentException(
                $"Layer '{layer}': array '{array}' has {values.LongLength} values but its shape needs {expected}; rebuild the snapshot from the module.");
    }

    /// <summary>Throws unless every index lies in [0, <paramref name="featureCount"/>) and appears once.</summary>
    internal static void CheckFeatures(string layer, int[] features, int featureCount)
    {
        if (features.Length == 0)
            throw new ArgumentException($"Layer '{layer}': EmbeddedFeatures is empty; embed at least one feature or leave the layer out.");
        var seen = new HashSet<int>();
        foreach (int f in features)
            if (f < 0 || f >= featureCount || !seen.Add(f))
                throw new ArgumentException(
                    $"Layer '{layer}': EmbeddedFeatures contains {f}, which is outside [0, {featureCount}) or repeated; list each embedded column once.");
    }

    /// <summary>A detached float copy of <paramref name="tensor"/>'s values (row-major).</summary>
    internal static float[] ToArray(Tensor tensor)
    {
        using var copy = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
        return copy.data<float>().ToArray();
    }

    /// <summary>A float tensor of shape <paramref name="shape"/> holding a copy of <paramref name="values"/>.</summary>
    internal static Tensor ToTensor(float[] values, params long[] shape) => tensor(values, shape, dtype: ScalarType.Float32);
}
