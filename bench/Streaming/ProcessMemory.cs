namespace Streaming.Bench;

/// <summary>This process's resident memory from /proc/self/status (Linux): current (VmRSS) and peak (VmHWM), in bytes.</summary>
internal static class ProcessMemory
{
    internal static long Resident => Read("VmRSS:");

    internal static long Peak => Read("VmHWM:");

    /// <summary>Resets VmHWM to the current RSS (writes 5 to /proc/self/clear_refs); false where the kernel does not allow it.</summary>
    internal static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Read(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line[field.Length..].Trim().Split(' ')[0]) * 1024;
        throw new PlatformNotSupportedException($"/proc/self/status has no {field} line: this bench measures memory on Linux only.");
    }
}
