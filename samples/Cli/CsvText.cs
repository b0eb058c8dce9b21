namespace MLNetRegularization.Samples.Cli;

/// <summary>Separator names and missing-value spellings of the CLI (rows themselves are read by <see cref="TextRows"/>).</summary>
internal static class CsvText
{
    /// <summary>The separator for the <c>--separator</c> value: a single character, or tab / space / comma / semicolon by name.</summary>
    public static char ParseSeparator(string text) => text switch
    {
        "tab" or "\\t" or "\t" => '\t',
        "space" or " " => ' ',
        "comma" => ',',
        "semicolon" => ';',
        _ when text.Length == 1 => text[0],
        _ => throw new SampleUsageException($"Option --separator expects one character (or tab, space, comma, semicolon); received '{text}'."),
    };

    /// <summary>True for the values read as missing: empty, "?", "NA", "N/A", "NaN", "null" (case-insensitive, trimmed).</summary>
    public static bool IsMissing(string value)
    {
        string v = value.Trim();
        return v.Length == 0 || v == "?" || v.Equals("NA", StringComparison.OrdinalIgnoreCase) || v.Equals("N/A", StringComparison.OrdinalIgnoreCase)
            || v.Equals("NaN", StringComparison.OrdinalIgnoreCase) || v.Equals("null", StringComparison.OrdinalIgnoreCase);
    }
}
