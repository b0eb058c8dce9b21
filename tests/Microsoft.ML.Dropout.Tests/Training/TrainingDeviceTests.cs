using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>GpuDeviceId/FallbackToCpu with MLContext's meaning, on a machine with and without CUDA.</summary>
public class TrainingDeviceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NoGpuAsked_TrainsOnCpuWithoutWarning(bool cudaAvailable) =>
        Assert.Null(TrainingDevice.FallbackWarning(new MlpTrainerOptions(), cudaAvailable));

    [Theory]
    [InlineData(false, "TorchSharp-cuda-linux")]
    [InlineData(true, "GPU training is not implemented")]
    public void GpuAskedWithoutFallback_RefusedNamingWhatIsMissing(bool cudaAvailable, string missing)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TrainingDevice.FallbackWarning(new MlpTrainerOptions { GpuDeviceId = 1 }, cudaAvailable));
        Assert.Contains(missing, ex.Message);
        Assert.Contains("Set GpuDeviceId = null", ex.Message);
    }

    [Fact]
    public void GpuAskedWithFallback_Warns()
    {
        string? warning = TrainingDevice.FallbackWarning(new MlpTrainerOptions { GpuDeviceId = 1, FallbackToCpu = true }, cudaAvailable: false);
        Assert.EndsWith("training on the CPU (FallbackToCpu = true).", warning);
    }

    [Fact]
    public void NegativeGpuDeviceId_RefusedBySetter() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpTrainerOptions { GpuDeviceId = -1 });
}
