using System.Runtime.InteropServices;
using TorchSharp;

namespace Microsoft.ML.Dropout.Native;

/// <summary>
/// Loads libtorch once, sets the thread count, and turns a failed native load into one clear message naming the
/// library and the missing dependency or symbol version.
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
                    torch.InitializeDeviceType(DeviceType.CPU);
                }
                catch (Exception ex) when (ex is NotSupportedException or TypeInitializationException or DllNotFoundException)
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
        string detail = "";
        string? candidate = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
        }.FirstOrDefault(File.Exists);
        if (candidate is null)
        {
            detail = "libLibTorchSharp was not found next to the application. Reference the native backend package " +
                     "(TorchSharp-cpu, or a TorchSharp-cuda-* package) from the application project.";
        }
        else
        {
            try { NativeLibrary.Free(NativeLibrary.Load(candidate)); }
            catch (DllNotFoundException dlex) { detail = $"Loading {candidate} failed: {dlex.Message}"; }
            if (detail.Contains("GLIBCXX_3.4.32", StringComparison.Ordinal))
                detail += " The build step that marks this version need weak did not run on this copy: build through " +
                          "MSBuild with the Microsoft.ML.Dropout package (its buildTransitive targets), and keep " +
                          "MlDropoutWeakenGlibcxx unset or true. See README, Troubleshooting.";
        }
        return $"TorchSharp could not load its native backend (libtorch 2.10 / libLibTorchSharp). {detail} Original error: {ex.GetBaseException().Message}";
    }
}
