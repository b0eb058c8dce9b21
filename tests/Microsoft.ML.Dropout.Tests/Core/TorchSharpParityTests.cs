using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Core;

/// <summary>The managed activations and LayerNorm equal TorchSharp's (what the trainer uses).</summary>
[Collection("Sequential")]
public class TorchSharpParityTests
{
    private static readonly float[] Grid = Enumerable.Range(-80, 161).Select(i => i / 10f).ToArray();

    [Fact]
    public void Activations_OnAGrid_MatchTorchSharpFunctional()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        using var x = tensor(Grid, dtype: float64);

        double[] gelu = nn.functional.gelu(x).data<double>().ToArray();
        double[] selu = nn.functional.selu(x).data<double>().ToArray();
        double[] silu = nn.functional.silu(x).data<double>().ToArray();

        for (int i = 0; i < Grid.Length; i++)
        {
            AssertRelative(gelu[i], ActivationMath.Gelu(Grid[i]), Grid[i]);
            AssertRelative(selu[i], ActivationMath.Selu(Grid[i]), Grid[i]);
            AssertRelative(silu[i], ActivationMath.Silu(Grid[i]), Grid[i]);
        }
    }

    // Absolute 1e-12 (relative for |value| > 1): libtorch's double GELU computes 0.5·x·(1 + erf(x/√2)) and loses
    // relative accuracy in the far negative tail (x = −8: −4.885e−15 vs the exact −4.977e−15), where ours uses erfc.
    private static void AssertRelative(double expected, double actual, double x) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)),
            $"x = {x}: expected {expected:R}, actual {actual:R}");
}
