using Microsoft.ML.Dropout.Modules;
using Microsoft.ML.Dropout.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Modules;

/// <summary>What every dropout-family module promises, checked once for all of them.</summary>
[Collection("Sequential")]
public class DropoutModuleContractTests
{
    public DropoutModuleContractTests() => TorchRuntime.EnsureLoaded(threads: 2);

    /// <summary>Module name, factory at the given rate, and an input shape the module accepts.</summary>
    public static TheoryData<string> Modules => new() { "InvertedDropout", "GaussianDropout", "SeluAlphaDropout", "DropPath", "ConcreteDropout", "DropBlock2d", "VariationalDropout" };

    private static (nn.Module<Tensor, Tensor> Module, long[] Shape) Create(string name, double rate) => name switch
    {
        "InvertedDropout" => (new InvertedDropout(rate), new long[] { 200, 7 }),
        "GaussianDropout" => (new GaussianDropout(rate), new long[] { 200, 4 }),
        "SeluAlphaDropout" => (new SeluAlphaDropout(rate), new long[] { 200, 5 }),
        "DropPath" => (new DropPath(rate), new long[] { 200, 3 }),
        "ConcreteDropout" => (new ConcreteDropout(rate), new long[] { 200, 3 }),
        "DropBlock2d" => (new DropBlock2d(rate, 3), new long[] { 4, 2, 8, 8 }),
        "VariationalDropout" => (new VariationalDropout(rate), new long[] { 8, 6, 3 }),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Modules))]
    public void Forward_EvalMode_IsExactlyTheIdentity(string name)
    {
        manual_seed(3);
        var (module, shape) = Create(name, 0.5);
        using (module)
        {
            module.eval();
            using var x = randn(shape);
            using var y = module.forward(x);
            Assert.True(TensorAssert.Identical(y, x), $"{name} changed its input in eval mode");
        }
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Forward_TrainModeTwice_DrawsAFreshMaskEachCall(string name)
    {
        manual_seed(4);
        var (module, shape) = Create(name, 0.3);
        using (module)
        {
            module.train();
            using var x = randn(shape);
            using var a = module.forward(x);
            using var b = module.forward(x);
            Assert.False(TensorAssert.Identical(a, b), $"{name} reused its mask");
        }
    }

    [Theory]
    [InlineData("InvertedDropout", 1.0)]
    [InlineData("GaussianDropout", -0.1)]
    [InlineData("SeluAlphaDropout", double.NaN)]
    [InlineData("DropPath", 1.5)]
    [InlineData("DropBlock2d", 1.0)]
    [InlineData("VariationalDropout", -1.0)]
    public void Rate_OutOfRange_ThrowsNamingOptionRangeAndValueAndKeepsTheOldRate(string name, double bad)
    {
        var (module, _) = Create(name, 0.1);
        using (module)
        {
            var site = Assert.IsAssignableFrom<IDropoutSite>(module);
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => site.Rate = bad);
            Assert.StartsWith($"Invalid value for option 'Rate': expected a value in [0, 1). Received: {bad.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.", ex.Message);
            Assert.Equal(0.1, site.Rate, 12);
        }
    }
}
