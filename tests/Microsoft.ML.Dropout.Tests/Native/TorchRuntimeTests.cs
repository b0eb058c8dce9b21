using Microsoft.ML.Dropout.Native;
using TorchSharp;

namespace Microsoft.ML.Dropout.Tests.Native;

[Collection("Sequential")]
public class TorchRuntimeTests
{
    [Fact]
    public void EnsureLoaded_OnThisHost_LoadsLibTorchAndComputes()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        using var t = torch.arange(4, dtype: torch.float32);
        Assert.Equal(6f, t.sum().item<float>());
        Assert.Equal(2, torch.get_num_threads());
    }
}
