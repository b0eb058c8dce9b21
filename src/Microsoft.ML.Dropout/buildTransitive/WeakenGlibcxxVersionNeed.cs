// One implementation for two callers: the MSBuild task below (compiled by RoslynCodeTaskFactory from
// Microsoft.ML.Dropout.targets) and the engine's runtime fallback (Native/TorchRuntime.cs compiles this file with
// MLDROPOUT_RUNTIME defined, which leaves the task out).
#nullable enable
//
// TorchSharp 0.107's libLibTorchSharp.so lists GLIBCXX_3.4.32 in its version needs (.gnu.version_r). The only
// symbol bound to that version is _ZSt21ios_base_library_initv, which is referenced but never called. Hosts with
// an older libstdc++ (Debian 12, Ubuntu 22.04: GLIBCXX_3.4.30) refuse to load the library. Marking that one
// version need VER_FLG_WEAK (0x2) makes the dynamic loader accept a libstdc++ without it.
//
// The task only touches the copy in the build/publish output, only on Linux, only when the host libstdc++
// lacks the version, and only the flag bits of the matching Vernaux entry. It writes through a temporary file
// so a hard link into the NuGet cache is never modified in place.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
#if !MLDROPOUT_RUNTIME
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Microsoft.ML.Dropout.Native;
#endif

namespace Microsoft.ML.Dropout.Native
{
    /// <summary>ELF edits and host checks for the GLIBCXX_3.4.32 version need of libLibTorchSharp.so.</summary>
    internal static class GlibcxxVersionNeed
    {
        /// <summary>The version need TorchSharp 0.107 adds but never uses.</summary>
        public const string VersionName = "GLIBCXX_3.4.32";

        /// <summary>Folders searched for the host's libstdc++.so.6, separated by ';'.</summary>
        public const string DefaultLibStdCxxSearchPath =
            "/usr/lib/x86_64-linux-gnu;/usr/lib/aarch64-linux-gnu;/lib/x86_64-linux-gnu;/lib/aarch64-linux-gnu;/usr/lib64;/lib64;/usr/lib;/lib";

        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlagWeak = 0x2;

        /// <summary>The first libstdc++.so.6 found in <paramref name="searchPath"/>, or null.</summary>
        public static string? FindLibStdCxx(string searchPath = DefaultLibStdCxxSearchPath)
        {
            foreach (string dir in searchPath.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = Path.Combine(dir, "libstdc++.so.6");
                if (File.Exists(candidate))
                    return candidate;
            }
            return null;
        }

        /// <summary>True when the host's libstdc++ defines <paramref name="versionName"/> (false when none is found).</summary>
        public static bool HostProvides(string? libstdcxx, string versionName = VersionName)
            => libstdcxx != null && ContainsAscii(File.ReadAllBytes(libstdcxx), versionName);

        private static bool ContainsAscii(byte[] haystack, string needle)
        {
            byte[] n = Encoding.ASCII.GetBytes(needle + "\0");
            for (int i = 0; i + n.Length <= haystack.Length; i++)
            {
                if (haystack[i] != n[0]) continue;
                int k = 1;
                while (k < n.Length && haystack[i + k] == n[k]) k++;
                if (k == n.Length) return true;
            }
            return false;
        }

        /// <summary>
        /// Sets VER_FLG_WEAK on every Vernaux entry named <paramref name="versionName"/> in a little-endian ELF64 image.
        /// Returns how many entries changed (0 when the image has no such need or it is already weak).
        /// </summary>
        public static int MarkVersionNeedWeak(byte[] image, string versionName)
        {
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (image[4] != 2 || image[5] != 1)
                throw new InvalidDataException("only little-endian ELF64 is supported");

            ulong shoff = BitConverter.ToUInt64(image, 0x28);
            int shentsize = BitConverter.ToUInt16(image, 0x3A);
            int shnum = BitConverter.ToUInt16(image, 0x3C);
            int changed = 0;
            for (int i = 0; i < shnum; i++)
            {
                int sh = checked((int)shoff + i * shentsize);
                if (BitConverter.ToUInt32(image, sh + 4) != ShtGnuVerneed)
                    continue;
                int offset = checked((int)BitConverter.ToUInt64(image, sh + 0x18));
                int link = (int)BitConverter.ToUInt32(image, sh + 0x28);
                int count = (int)BitConverter.ToUInt32(image, sh + 0x2C); // sh_info = number of Verneed entries
                int strtab = checked((int)BitConverter.ToUInt64(image, checked((int)shoff + link * shentsize) + 0x18));

                int verneed = offset;
                for (int n = 0; n < count; n++)
                {
                    int auxCount = BitConverter.ToUInt16(image, verneed + 2);
                    int aux = verneed + (int)BitConverter.ToUInt32(image, verneed + 8);
                    for (int a = 0; a < auxCount; a++)
                    {
                        string name = ReadCString(image, strtab + (int)BitConverter.ToUInt32(image, aux + 8));
                        ushort flags = BitConverter.ToUInt16(image, aux + 4);
                        if (name == versionName && (flags & VerFlagWeak) == 0)
                        {
                            BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(image, aux + 4);
                            changed++;
                        }
                        int nextAux = (int)BitConverter.ToUInt32(image, aux + 12);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    int next = (int)BitConverter.ToUInt32(image, verneed + 12);
                    if (next == 0) break;
                    verneed += next;
                }
            }
            return changed;
        }

        private static string ReadCString(byte[] image, int start)
        {
            int end = start;
            while (end < image.Length && image[end] != 0) end++;
            return Encoding.ASCII.GetString(image, start, end - start);
        }
    }
}

#if !MLDROPOUT_RUNTIME
/// <summary>MSBuild task: marks the version need weak in build/publish output copies.</summary>
public sealed class WeakenGlibcxxVersionNeed : Microsoft.Build.Utilities.Task
{
    /// <summary>The libraries to inspect (normally every libLibTorchSharp.so in the output folder).</summary>
    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The version need to weaken.</summary>
    public string VersionName { get; set; } = GlibcxxVersionNeed.VersionName;

    /// <summary>Folders searched for the host's libstdc++.so.6, separated by ';'.</summary>
    public string LibStdCxxSearchPath { get; set; } = GlibcxxVersionNeed.DefaultLibStdCxxSearchPath;

    public override bool Execute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            return true;

        string? libstdcxx = GlibcxxVersionNeed.FindLibStdCxx(LibStdCxxSearchPath);
        if (GlibcxxVersionNeed.HostProvides(libstdcxx, VersionName))
        {
            Log.LogMessage(MessageImportance.Low, $"{libstdcxx} provides {VersionName}; libLibTorchSharp.so left as shipped.");
            return true;
        }

        foreach (ITaskItem item in Libraries)
        {
            string path = item.ItemSpec;
            if (!File.Exists(path))
                continue;
            try
            {
                byte[] image = File.ReadAllBytes(path);
                int changed = GlibcxxVersionNeed.MarkVersionNeedWeak(image, VersionName);
                if (changed == 0)
                    continue;
                string temp = path + ".weak-tmp";
                File.WriteAllBytes(temp, image);
                File.Delete(path); // unlink first: never write through a hard link into the NuGet cache
                File.Move(temp, path);
                Log.LogMessage(MessageImportance.Normal,
                    $"Marked the {VersionName} version need weak in {path} (host libstdc++: {libstdcxx ?? "not found"}).");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidDataException)
            {
                Log.LogWarning($"Could not mark {VersionName} weak in {path}: {ex.Message}. TorchSharp may fail to load on this host.");
            }
        }
        return !Log.HasLoggedErrors;
    }
}
#endif
