using System.Text;
using Microsoft.ML.Dropout.Native;

namespace Microsoft.ML.Dropout.Tests.Native;

public class WeakenGlibcxxVersionNeedTests
{
    private const string Version = "GLIBCXX_3.4.32";

    /// <summary>TorchSharp 0.107.0's libLibTorchSharp.so in the NuGet cache, as shipped.</summary>
    internal static string PackageCopy()
    {
        string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    [Fact]
    public void MarkVersionNeedWeak_TorchSharpPackageCopy_ChangesOnlyTheFlagsOfThatOneNeedOnce()
    {
        string path = PackageCopy();
        Assert.True(File.Exists(path), $"TorchSharp 0.107.0 native library not found at {path}");
        byte[] original = File.ReadAllBytes(path);
        byte[] patched = (byte[])original.Clone();

        Assert.Equal(1, GlibcxxVersionNeed.MarkVersionNeedWeak(patched, Version));
        Assert.Equal(0, GlibcxxVersionNeed.MarkVersionNeedWeak(patched, Version)); // idempotent

        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        int index = Assert.Single(changed);                     // one byte: the low byte of vna_flags
        Assert.Equal(original[index] | 0x2, patched[index]);   // VER_FLG_WEAK added, nothing else
    }

    [Fact]
    public void BuildOutput_LibLibTorchSharpBesideTheTests_IsWeakExactlyWhenTheHostLacksTheVersion()
    {
        string output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!OperatingSystem.IsLinux() || !File.Exists(output))
            return; // the build step only runs on Linux
        string? libstdcxx = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6" }.FirstOrDefault(File.Exists);
        bool hostHasVersion = libstdcxx != null && File.ReadAllBytes(libstdcxx).AsSpan().IndexOf(Encoding.ASCII.GetBytes(Version + "\0")) >= 0;

        byte[] bytes = File.ReadAllBytes(output);
        int wouldChange = GlibcxxVersionNeed.MarkVersionNeedWeak(bytes, Version);

        Assert.Equal(hostHasVersion ? 1 : 0, wouldChange); // 0: the build already marked it weak
    }

    [Fact]
    public void MarkVersionNeedWeak_NotAnElfFile_ThrowsInvalidData()
    {
        var ex = Assert.Throws<InvalidDataException>(() => GlibcxxVersionNeed.MarkVersionNeedWeak(new byte[128], Version));
        Assert.Equal("not an ELF file", ex.Message);
    }
}
