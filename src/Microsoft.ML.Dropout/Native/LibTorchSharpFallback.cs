using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TorchSharp;

namespace Microsoft.ML.Dropout.Native;

/// <summary>
/// Runtime fallback for hosts whose libstdc++ lacks GLIBCXX_3.4.32 (Debian 12, Ubuntu 22.04): when the
/// libLibTorchSharp.so the application would load still needs that version, a private copy with the need marked weak
/// is written to a per-user cache folder keyed by the file's hash, loaded after libtorch, and handed to TorchSharp's
/// P/Invokes through <see cref="NativeLibrary.SetDllImportResolver"/>. No build step is needed, so a ProjectReference,
/// a PackageReference and a published app all load the same way. Hosts with a newer libstdc++ are left alone.
/// </summary>
internal static class LibTorchSharpFallback
{
    private const string LibTorchSharpFile = "libLibTorchSharp.so";
    private const string LibTorchFile = "libtorch.so";

    /// <summary>Environment variable overriding the cache folder (default: $XDG_CACHE_HOME or ~/.cache).</summary>
    internal const string CacheFolderVariable = "MLDROPOUT_NATIVE_CACHE";

    /// <summary>
    /// Prepares the weak copy when this host needs it. Returns the path of the copy that was loaded, or null when
    /// nothing had to be done (not Linux, the host has the version, or the library already has a weak need).
    /// </summary>
    /// <exception cref="InvalidOperationException">libtorch.so is missing (no TorchSharp-cpu) or the copy cannot load.</exception>
    public static string? PrepareIfNeeded()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        string? original = FindNative(LibTorchSharpFile);
        if (original is null)
            return null; // TorchSharp reports it; TorchRuntime names the package
        string libtorch = FindNative(LibTorchFile) ?? throw new InvalidOperationException(MissingBackendMessage());
        if (GlibcxxVersionNeed.HostProvides(GlibcxxVersionNeed.FindLibStdCxx()))
            return null;
        string? copy = WeakCopy(original, CacheRoot());
        if (copy is null)
            return null; // already weak (the build step ran) or no such need

        NativeLibrary.Load(libtorch);          // resolves libtorch_cpu/libc10 from libtorch's own folder ($ORIGIN)
        IntPtr handle = NativeLibrary.Load(copy); // its NEEDED libtorch.so etc. match the loaded sonames
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(torch).Assembly,
                (name, _, _) => name == "LibTorchSharp" ? handle : IntPtr.Zero);
        }
        catch (InvalidOperationException)
        {
            // The application set its own resolver for TorchSharp; TorchSharp's load by name still finds the
            // already-loaded copy by its soname.
        }
        return copy;
    }

    /// <summary>The message for an application without a libtorch backend package.</summary>
    internal static string MissingBackendMessage() =>
        "libtorch (libtorch.so) was not found next to the application: the native backend package is missing. " +
        "Add a PackageReference to TorchSharp-cpu (same version as TorchSharp, 0.107.0), or a TorchSharp-cuda-* package, " +
        "to the application project.";

    /// <summary>The folders the .NET host searches for native libraries, then the application folder.</summary>
    internal static IEnumerable<string> NativeSearchFolders()
    {
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string dirs)
            foreach (string dir in dirs.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                yield return dir;
        yield return AppContext.BaseDirectory;
        yield return Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        yield return Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        string? torchSharpFolder = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        if (!string.IsNullOrEmpty(torchSharpFolder))
            yield return torchSharpFolder;
    }

    /// <summary>The first existing <paramref name="fileName"/> in <see cref="NativeSearchFolders"/>, or null.</summary>
    internal static string? FindNative(string fileName) =>
        NativeSearchFolders().Select(dir => Path.Combine(dir, fileName)).FirstOrDefault(File.Exists);

    /// <summary>The per-user cache folder for weak copies.</summary>
    internal static string CacheRoot()
    {
        string? overridden = Environment.GetEnvironmentVariable(CacheFolderVariable);
        if (!string.IsNullOrEmpty(overridden))
            return overridden;
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string root = !string.IsNullOrEmpty(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "Microsoft.ML.Dropout", "native");
    }

    /// <summary>
    /// The path of a copy of <paramref name="original"/> with the GLIBCXX_3.4.32 need marked weak, in
    /// <paramref name="cacheRoot"/>/&lt;first 16 hex digits of the original's SHA-256&gt;/ (written once, reused);
    /// null when the original needs no change.
    /// </summary>
    internal static string? WeakCopy(string original, string cacheRoot)
    {
        byte[] image = File.ReadAllBytes(original);
        string key = Convert.ToHexString(SHA256.HashData(image))[..16].ToLowerInvariant();
        if (GlibcxxVersionNeed.MarkVersionNeedWeak(image, GlibcxxVersionNeed.VersionName) == 0)
            return null;
        string folder = Path.Combine(cacheRoot, key);
        string copy = Path.Combine(folder, LibTorchSharpFile);
        if (File.Exists(copy) && new FileInfo(copy).Length == image.Length)
            return copy;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $"{LibTorchSharpFile}.{Environment.ProcessId}.tmp");
        File.WriteAllBytes(temp, image);
        File.Move(temp, copy, overwrite: true); // atomic rename: a concurrent process sees the old or the new file
        return copy;
    }
}
