using System.Globalization;

namespace MLNetRegularization.Samples;

/// <summary>Minimal "--name value" argument reading for the samples, with clear errors.</summary>
public static class Arguments
{
    /// <summary>The value after <paramref name="name"/>, or <paramref name="fallback"/> when absent.</summary>
    public static string String(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        if (i < 0) return fallback;
        if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException($"Option {name} needs a value, e.g. {name} {fallback}.");
        return args[i + 1];
    }

    /// <summary>The value after <paramref name="name"/>, or null when absent.</summary>
    public static string? Optional(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i < 0 ? null : String(args, name, "");
    }

    /// <summary>The integer after <paramref name="name"/>, or <paramref name="fallback"/> when absent.</summary>
    public static int Int(string[] args, string name, int fallback)
    {
        string text = String(args, name, fallback.ToString(CultureInfo.InvariantCulture));
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 1)
            throw new ArgumentException($"Option {name} expects a positive integer; received '{text}'.");
        return value;
    }

    /// <summary>True when the flag <paramref name="name"/> is present.</summary>
    public static bool Flag(string[] args, string name) => Array.IndexOf(args, name) >= 0;
}
