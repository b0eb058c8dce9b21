using Microsoft.ML.Dropout.Native;

namespace Microsoft.ML.Dropout.Tests.Native;

public class LibTorchSharpFallbackTests
{
    [Fact]
    public void WeakCopy_ShippedLibrary_WritesOneWeakCopyKeyedByHashAndReusesIt()
    {
        string original = WeakenGlibcxxVersionNeedTests.PackageCopy();
        Assert.True(File.Exists(original), $"TorchSharp 0.107.0 native library not found at {original}");
        string cache = Path.Combine(Path.GetTempPath(), "mldropout-weakcopy-" + Guid.NewGuid().ToString("N"));
        try
        {
            string copy = Assert.IsType<string>(LibTorchSharpFallback.WeakCopy(original, cache));
            Assert.StartsWith(cache, copy);
            Assert.Equal("libLibTorchSharp.so", Path.GetFileName(copy));
            byte[] shipped = File.ReadAllBytes(original), weak = File.ReadAllBytes(copy);
            Assert.Single(Enumerable.Range(0, shipped.Length).Where(i => shipped[i] != weak[i]));
            Assert.Equal(0, GlibcxxVersionNeed.MarkVersionNeedWeak(weak, GlibcxxVersionNeed.VersionName));
            Assert.Equal(shipped, File.ReadAllBytes(original)); // the package copy is never modified

            DateTime written = File.GetLastWriteTimeUtc(copy);
            Assert.Equal(copy, LibTorchSharpFallback.WeakCopy(original, cache)); // same key, same file, not rewritten
            Assert.Equal(written, File.GetLastWriteTimeUtc(copy));
            Assert.Single(Directory.GetFiles(cache, "*", SearchOption.AllDirectories));

            Assert.Null(LibTorchSharpFallback.WeakCopy(copy, cache)); // already weak: nothing to do
        }
        finally
        {
            if (Directory.Exists(cache))
                Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void MissingBackendMessage_NamesThePackageToAdd()
    {
        Assert.Contains("TorchSharp-cpu", LibTorchSharpFallback.MissingBackendMessage());
        Assert.Contains("libtorch.so", LibTorchSharpFallback.MissingBackendMessage());
    }

    [Fact]
    public void FindNative_InTheTestOutput_FindsBothNativeLibraries()
    {
        if (!OperatingSystem.IsLinux())
            return;
        Assert.NotNull(LibTorchSharpFallback.FindNative("libLibTorchSharp.so"));
        Assert.NotNull(LibTorchSharpFallback.FindNative("libtorch.so"));
        Assert.Null(LibTorchSharpFallback.FindNative("libNoSuchLibrary.so"));
    }
}
