using Microsoft.ML.Dropout.Modules;
using Microsoft.ML.Dropout.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Modules;

[Collection("Sequential")]
public class DropBlock2dTests
{
    public DropBlock2dTests() => TorchRuntime.EnsureLoaded(threads: 2);

    [Fact]
    public void Forward_TrainMode_DropsOnlyWholeContiguousBlocks()
    {
        manual_seed(71);
        const int block = 3;
        using var module = new DropBlock2d(0.2, block);
        module.train();
        using var x = ones(2, 3, 16, 16);
        using var y = module.forward(x);
        using var dropped = y.eq(0).to_type(ScalarType.Float32);
        Assert.True(dropped.sum().item<float>() > 0);
        // Top-left corners of fully dropped block×block windows (a min-pool), expanded back to their blocks, must
        // cover every dropped unit: no unit is dropped on its own.
        using var fullWindows = nn.functional.max_pool2d(dropped.neg(), new long[] { block, block }, new long[] { 1, 1 }).neg();
        using var padded = nn.functional.pad(fullWindows, new long[] { block - 1, block - 1, block - 1, block - 1 });
        using var covered = nn.functional.max_pool2d(padded, new long[] { block, block }, new long[] { 1, 1 });
        Assert.True(TensorAssert.Identical(covered, dropped));
    }

    [Fact]
    public void Forward_TrainModeOnOnes_KeepsMeanAndDropsAboutP()
    {
        manual_seed(72);
        const double p = 0.1;
        using var module = new DropBlock2d(p, 3);
        module.train();
        using var x = ones(8, 4, 32, 32);
        using var y = module.forward(x);
        Assert.InRange(y.mean().item<float>(), 0.999, 1.001);
        double droppedFraction = y.eq(0).sum().item<long>() / (double)y.numel();
        Assert.InRange(droppedFraction, p - 0.03, p + 0.03);
    }

    [Fact]
    public void SeedRate_Formula_MatchesGhiasiEtAl()
    {
        // γ = p/block² · HW/((H−block+1)(W−block+1)).
        Assert.Equal(0.1 / 9 * 1024.0 / 900.0, DropBlock2d.SeedRate(0.1, 3, 32, 32), 12);
        Assert.Equal(0.3, DropBlock2d.SeedRate(0.3, 1, 7, 5), 12);
    }
}
