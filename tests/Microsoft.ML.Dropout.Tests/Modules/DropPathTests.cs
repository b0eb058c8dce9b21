using Microsoft.ML.Dropout.Modules;
using Microsoft.ML.Dropout.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Modules;

[Collection("Sequential")]
public class DropPathTests
{
    public DropPathTests() => TorchRuntime.EnsureLoaded(threads: 2);

    [Fact]
    public void Forward_TrainMode_DropsWholeRowsAtRatePAndRescalesSurvivors()
    {
        manual_seed(51);
        const double p = 0.25;
        using var module = new DropPath(p);
        module.train();
        using var x = ones(20_000, 8);
        using var y = module.forward(x);
        using var rowMin = y.amin(1);
        using var rowMax = y.amax(1);
        // Every row is all-zero or all-1/keep.
        Assert.True(rowMin.eq(rowMax).all().item<bool>());
        using var keptRows = rowMax.masked_select(rowMax.ne(0));
        Assert.True(keptRows.allclose(full_like(keptRows, 1 / (1 - p)), rtol: 1e-6, atol: 1e-6));
        double droppedFraction = rowMax.eq(0).sum().item<long>() / 20_000.0;
        Assert.InRange(droppedFraction, p - 0.015, p + 0.015);
        Assert.InRange(y.mean().item<float>(), 0.98, 1.02);
    }
}
