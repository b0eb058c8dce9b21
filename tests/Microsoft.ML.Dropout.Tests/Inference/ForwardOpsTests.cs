using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Snapshots;

namespace Microsoft.ML.Dropout.Tests.Inference;

/// <summary>The element-wise kernels keep their scalar definitions on the vectorized part and the tail alike.</summary>
public class ForwardOpsTests
{
    [Fact]
    public void Relu_VectorAndTail_ZeroNegativesAndKeepTheRestIncludingNaN()
    {
        // 37 values: several full vectors for any vector width up to 32 lanes, plus a tail.
        var x = Enumerable.Range(0, 37).Select(i => (i % 5) switch
        {
            0 => float.NaN,
            1 => -(i + 0.5f),
            2 => 0f,
            3 => float.PositiveInfinity,
            _ => i + 0.25f,
        }).ToArray();
        var y = new float[x.Length];
        ForwardOps.Activate(x, Activation.Relu, y);
        // As PyTorch's and ONNX Runtime's Relu: NaN stays NaN.
        for (int i = 0; i < x.Length; i++)
            Assert.Equal(float.IsNaN(x[i]) || x[i] > 0 ? x[i] : 0f, y[i]);
    }
}
