using System.Runtime.InteropServices;
using TorchSharp;

namespace Microsoft.ML.Dropout.Native;

/// <summary>
/// Loads libtorch once, sets the thread count, and turns a failed native load into one clear message naming the
/// library and the missing dependency or symbol version. On hosts whose libstdc++ lacks GLIBCXX_3.4.32 it first
/// loads a private copy of libLibTorchSharp.so with that need marked weak (see <see cref="LibTorchSharpFallback"/>),
/// so no build step is needed.
/// </summary>
public static class TorchRuntime
{
    private static readonly object Gate = new();
    private static bool _loaded;

    /// <summary>Loads the native backend if needed and sets TorchSharp's intra-op thread count.</summary>
    /// <param name="threads">Threads for TorchSharp; null = all cores (<see cref="Environment.ProcessorCount"/>).</param>
    /// <exception cref="InvalidOperationException">libtorch or libLibTorchSharp could not be loaded.</exception>
    public static void EnsureLoaded(int? threads = null)
    {
        lock (Gate)
        {
            if (!_loaded)
            {
                try
                {
                    LibTorchSharpFallback.PrepareIfNeeded();
                    torch.InitializeDeviceType(DeviceType.CPU);
                }
                catch (Exception ex) when (ex is NotSupportedException or TypeInitializationException or DllNotFoundException
                                               or IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    throw new InvalidOperationException(Diagnose(ex), ex);
                }
                _loaded = true;
            }
            int wanted = threads ?? Environment.ProcessorCount;
            if (torch.get_num_threads() != wanted)
                torch.set_num_threads(wanted);
        }
    }

    private static string Diagnose(Exception ex)
    {
        string detail;
        string? libTorchSharp = LibTorchSharpFallback.FindNative("libLibTorchSharp.so");
        if (LibTorchSharpFallback.FindNative("libtorch.so") is null && !OperatingSystem.IsWindows() && !OperatingSystem.IsMacOS())
        {
            detail = LibTorchSharpFallback.MissingBackendMessage();
        }
        else if (libTorchSharp is null)
        {
            detail = "libLibTorchSharp was not found next to the application. Reference the native backend package " +
                     "(TorchSharp-cpu, or a TorchSharp-cuda-* package) from the application project.";
        }
        else
        {
            detail = $"Loading {libTorchSharp} failed.";
            try { NativeLibrary.Free(NativeLibrary.Load(libTorchSharp)); }
            catch (DllNotFoundException dlex) { detail = $"Loading {libTorchSharp} failed: {dlex.Message}"; }
            if (detail.Contains("GLIBCXX", StringComparison.Ordinal))
                detail += $" The weak copy in {LibTorchSharpFallback.CacheRoot()} could not be used either; set " +
                          $"{LibTorchSharpFallback.CacheFolderVariable} to a writable folder. See README, Troubleshooting.";
        }
        return $"TorchSharp could not load its native backend (libtorch 2.10 / libLibTorchSharp). {detail} Original error: {ex.GetBaseException().Message}";
    }
}
