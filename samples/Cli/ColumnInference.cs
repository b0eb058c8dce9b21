using System.Globalization;
using System.Text;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Samples.Cli;

/// <summary>
/// Infers column types from a delimited text file like the ML.NET CLI: reads the header, samples data rows, and calls a
/// column numeric when every non-missing sampled value parses as a number (invariant culture), categorical otherwise.
/// The label column is read to the end of the file to list its values.
/// </summary>
internal static class ColumnInference
{
    /// <summary>Rows sampled to infer feature types.</summary>
    public const int SampleRows = 10_000;

    /// <summary>A text column with more distinct sampled values than this, or than half the sampled rows (and over 20), is ignored as an identifier.</summary>
    public const int MaxCategories = 1_000;

    private static readonly string[] Reserved = { "Label", "Features", "NumericFeatures", "Score", "Probability", "PredictedLabel" };

    /// <summary>Reads <paramref name="path"/> and returns the columns, the label values and the row count.</summary>
    /// <exception cref="SampleUsageException">Empty file, no data rows, ragged rows, missing label column, label unusable for the task.</exception>
    public static InferredSchema Infer(string path, char separator, bool hasHeader, string label, TaskKind task)
    {
        if (!File.Exists(path))
            throw new SampleUsageException($"Data file '{path}' does not exist.");
        using var rows = TextRows.Read(path, separator).GetEnumerator();
        if (!rows.MoveNext())
            throw new SampleUsageException($"Data file '{path}' is empty (or holds only comment lines starting with //).");
        var firstFields = rows.Current;
        if (firstFields.Length < 2)
            throw new SampleUsageException($"Row 1 of '{path}' has a single field with separator '{Show(separator)}': pass the file's separator with --separator (e.g. --separator tab or --separator ';').");
        string[] headers = hasHeader ? UniqueNames(firstFields.Select(f => f.Trim()).ToList()) : firstFields.Select((_, i) => $"col{i}").ToArray();

        int labelIndex = Array.IndexOf(headers, label);
        if (labelIndex < 0)
        {
            string? near = Nearest(headers, label);
            throw new SampleUsageException($"Label column '{label}' not found in '{path}'. Columns found ({headers.Length}): {string.Join(", ", headers.Select(h => $"'{h}'"))}."
                + (near is null ? "" : $" Did you mean '{near}'?")
                + (hasHeader ? "" : " (Without a header the columns are named col0, col1, ...; pass --has-header true if the first line holds names.)"));
        }

        var samples = new List<string>[headers.Length];
        for (int c = 0; c < headers.Length; c++) samples[c] = new List<string>();
        var labelValues = new Dictionary<string, int>(StringComparer.Ordinal);
        int rowCount = 0, missingLabels = 0, firstMissingLabelLine = 0;
        string[]? firstRow = null;

        void Take(string[] row, int number)
        {
            // TextLoader trims the spaces around unquoted fields ("a, b" reads "b"): do the same so label values match.
            var fields = row.Select(f => f.Trim()).ToList();
            if (fields.Count != headers.Length)
                throw new SampleUsageException($"Row {number} of '{path}' (comment lines not counted) has {fields.Count} fields but the {(hasHeader ? "header" : "first row")} has {headers.Length}. Check --separator ('{Show(separator)}') and quoting.");
            firstRow ??= fields.ToArray();
            rowCount++;
            if (rowCount <= SampleRows)
                for (int c = 0; c < fields.Count; c++) samples[c].Add(fields[c]);
            string y = fields[labelIndex];
            if (CsvText.IsMissing(y))
            {
                if (missingLabels++ == 0) firstMissingLabelLine = number;
            }
            else if (labelValues.Count < MaxCategories || labelValues.ContainsKey(y))
                labelValues[y] = labelValues.GetValueOrDefault(y) + 1;
        }

        int number = 1;
        if (!hasHeader) Take(firstFields, number);
        while (rows.MoveNext())
        {
            number++;
            if (rows.Current.All(f => f.Trim().Length == 0))
                continue; // a blank line
            Take(rows.Current, number);
        }
        if (rowCount == 0)
            throw new SampleUsageException($"Data file '{path}' has a header but no data rows.");

        var columns = new List<InferredColumn>();
        var usedProperties = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < headers.Length; c++)
        {
            string property = PropertyName(headers[c], c, usedProperties);
            string example = firstRow![c];
            if (c == labelIndex)
            {
                columns.Add(new InferredColumn(c, headers[c], "Label", property, ColumnKind.Label, task == TaskKind.Regression, example, ""));
                continue;
            }
            string columnName = Reserved.Contains(headers[c], StringComparer.Ordinal) || headers[c].EndsWith("OneHot", StringComparison.Ordinal) ? headers[c] + "_" : headers[c];
            var present = samples[c].Where(v => !CsvText.IsMissing(v)).ToList();
            if (present.Count == 0)
                columns.Add(new InferredColumn(c, headers[c], columnName, property, ColumnKind.Ignored, false, example, "no values in the sampled rows"));
            else if (present.All(v => float.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                columns.Add(new InferredColumn(c, headers[c], columnName, property, ColumnKind.Numeric, true, example, ""));
            else
            {
                int distinct = present.Distinct(StringComparer.Ordinal).Count();
                // Mostly-unique text (IDs, names, free text) cannot be one-hot encoded usefully.
                bool identifier = distinct > MaxCategories || (distinct > 20 && distinct > present.Count / 2);
                columns.Add(new InferredColumn(c, headers[c], columnName, property, identifier ? ColumnKind.Ignored : ColumnKind.Categorical, false, example,
                    identifier ? $"{distinct:N0} distinct values in {present.Count:N0} sampled rows: looks like an identifier or free text" : ""));
            }
        }
        var schema = new InferredSchema(path, separator, hasHeader, columns, rowCount, labelValues, missingLabels, firstMissingLabelLine);
        CheckLabel(schema, task);
        return schema;
    }

    private static void CheckLabel(InferredSchema schema, TaskKind task)
    {
        var labelColumn = schema.Label;
        string name = $"Label column '{labelColumn.Header}'";
        if (task != TaskKind.Regression && schema.MissingLabels > 0)
            throw new SampleUsageException($"{name} is empty or missing in {schema.MissingLabels:N0} row(s), the first on row {schema.FirstMissingLabelLine}. Remove those rows or fill in their labels.");
        switch (task)
        {
            case TaskKind.BinaryClassification when schema.LabelValues.Count != 2:
                throw new SampleUsageException($"{name} has {schema.LabelValues.Count} distinct value(s) ({Preview(schema.LabelValues.Keys)}); --task binary needs exactly 2."
                    + (schema.LabelValues.Count > 2 ? " Use --task multiclass, or --task regression for a numeric target." : ""));
            case TaskKind.MulticlassClassification when schema.LabelValues.Count < 2:
                throw new SampleUsageException($"{name} has {schema.LabelValues.Count} distinct value(s) ({Preview(schema.LabelValues.Keys)}); --task multiclass needs at least 2.");
            case TaskKind.Regression:
                string? bad = schema.LabelValues.Keys.FirstOrDefault(v => !float.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
                if (bad != null)
                    throw new SampleUsageException($"{name} has the non-numeric value '{bad}'; --task regression needs numbers. Use --task binary or --task multiclass for categories.");
                if (schema.RowCount - schema.MissingLabels < 10)
                    throw new SampleUsageException($"{name} has only {schema.RowCount - schema.MissingLabels} numeric value(s); at least 10 rows are needed.");
                break;
        }
        if (schema.RowCount < 10)
            throw new SampleUsageException($"'{schema.Path}' has {schema.RowCount} data row(s); at least 10 are needed to train and test.");
    }

    /// <summary>The header closest to <paramref name="name"/>: equal ignoring case, else containing it or contained in it, else within edit distance 2.</summary>
    private static string? Nearest(string[] headers, string name)
    {
        string n = name.Trim().ToLowerInvariant();
        if (n.Length == 0) return null;
        return headers.FirstOrDefault(h => h.ToLowerInvariant() == n)
            ?? headers.FirstOrDefault(h => h.ToLowerInvariant().Contains(n, StringComparison.Ordinal) || n.Contains(h.ToLowerInvariant(), StringComparison.Ordinal))
            ?? headers.Select(h => (h, d: EditDistance(h.ToLowerInvariant(), n))).Where(p => p.d <= 2).OrderBy(p => p.d).Select(p => p.h).FirstOrDefault();
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    private static string[] UniqueNames(List<string> header)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new string[header.Count];
        for (int i = 0; i < header.Count; i++)
        {
            string name = header[i].Trim();
            if (name.Length == 0) name = $"col{i}";
            if (seen.TryGetValue(name, out int count)) { seen[name] = count + 1; name = $"{name}_{count + 1}"; }
            else seen[name] = 1;
            names[i] = name;
        }
        return names;
    }

    /// <summary>A C# identifier for <paramref name="header"/>: letters, digits and underscores, PascalCase, unique.</summary>
    private static string PropertyName(string header, int index, HashSet<string> used)
    {
        var sb = new StringBuilder();
        bool upper = true;
        foreach (char ch in header)
        {
            if (char.IsLetterOrDigit(ch)) { sb.Append(upper ? char.ToUpperInvariant(ch) : ch); upper = false; }
            else upper = true;
        }
        string name = sb.Length == 0 ? $"Col{index}" : char.IsDigit(sb[0]) ? "Col" + sb : sb.ToString();
        string unique = name;
        for (int k = 2; !used.Add(unique); k++) unique = name + k.ToString(CultureInfo.InvariantCulture);
        return unique;
    }

    private static string Preview(IEnumerable<string> values)
    {
        var list = values.Take(6).Select(v => $"'{v}'").ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list) + (values.Skip(6).Any() ? ", ..." : "");
    }

    private static string Show(char separator) => separator == '\t' ? "\\t" : separator.ToString();
}
