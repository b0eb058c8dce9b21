namespace MLNetRegularization.Samples.Cli;

/// <summary>Splits delimited text lines the way ML.NET's TextLoader does with quoting allowed: "a,b" is one field, "" is a quote.</summary>
internal static class CsvText
{
    /// <summary>The fields of <paramref name="line"/>, quotes removed.</summary>
    public static List<string> Split(string line, char separator)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.ToString().Trim().Length == 0) { quoted = true; field.Clear(); }
            else if (c == separator) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

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
