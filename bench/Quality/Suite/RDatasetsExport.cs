using System.Globalization;
using System.Text;
using Microsoft.ML.Dropout;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// Writes an Rdatasets CSV (<c>rownames</c> first, <c>NA</c> for a missing value, nothing quoted that needs no
/// quotes) in the shared datasets' R-export convention, so the suite discovers it by its README: no row names, a
/// missing value as an empty field, every text field quoted (that is how the loader tells a categorical column), the
/// target last, and a README.md with the task line, the file table, the positive class and the class balance.
/// </summary>
internal static class RDatasetsExport
{
    private const string RowNames = "rownames";
    private const string Missing = "NA";
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>The converted CSV text and its README.md.</summary>
    public sealed record Export(string Csv, string Readme, int Rows, int NumericFeatures, int TextFeatures);

    /// <summary>Converts <paramref name="lines"/> (the Rdatasets CSV, header first).</summary>
    /// <exception cref="InvalidDataException">The file is empty, the target or a dropped column is not in the header, a row has another field count (the message names the row), a regression target is not a number, or the positive class never occurs.</exception>
    public static Export Convert(HeldOutDataset set, IReadOnlyList<string> lines, string sourceNote)
    {
        if (lines.Count == 0)
            throw new InvalidDataException($"{set.Source}: the file is empty (no header line).");
        string[] header = DelimitedFile.CsvFields(lines[0]).ToArray();
        int target = Array.IndexOf(header, set.Target);
        if (target < 0)
            throw new InvalidDataException($"{set.Source}: no target column '{set.Target}' in the header ({string.Join(", ", header)}).");
        foreach (string d in set.Dropped.Where(d => !header.Contains(d)))
            throw new InvalidDataException($"{set.Source}: the column '{d}' to drop is not in the header.");
        var rows = new List<string[]>();
        for (int i = 1; i < lines.Count; i++)
        {
            if (lines[i].Length == 0) continue;
            string[] fields = DelimitedFile.CsvFields(lines[i]).ToArray();
            if (fields.Length != header.Length)
                throw new InvalidDataException($"{set.Source}: row {i} has {fields.Length} fields, the header {header.Length} (a quoted line break is not supported).");
            rows.Add(fields);
        }
        int[] kept = Enumerable.Range(0, header.Length)
            .Where(c => c != target && header[c] != RowNames && !set.Dropped.Contains(header[c]))
            .Append(target).ToArray();
        bool[] text = new bool[header.Length];
        foreach (int c in kept)
            text[c] = c == target ? set.Task != TaskKind.Regression
                : rows.Any(r => !IsMissing(r[c]) && !double.TryParse(r[c], NumberStyles.Float, Ci, out _));
        if (set.Task == TaskKind.Regression && rows.Any(r => !IsMissing(r[target]) && !double.TryParse(r[target], NumberStyles.Float, Ci, out _)))
            throw new InvalidDataException($"{set.Source}: the regression target '{set.Target}' has a value that is not a number.");

        var csv = new StringBuilder();
        csv.Append(string.Join(',', kept.Select(c => Quote(header[c])))).Append('\n');
        foreach (var r in rows)
            csv.Append(string.Join(',', kept.Select(c => IsMissing(r[c]) ? "" : text[c] ? Quote(r[c]) : r[c]))).Append('\n');
        int textFeatures = kept.SkipLast(1).Count(c => text[c]), numericFeatures = kept.Length - 1 - textFeatures;
        int missing = rows.Sum(r => kept.Count(c => IsMissing(r[c])));

        var readme = ConventionReadme.Begin($"{set.Folder} (held-out check: Rdatasets `{set.Source}`)", set.RObject, set.Task, set.Target,
            rows.Count, kept.Length, $"{numericFeatures} numeric and {textFeatures} text features + target; {missing.ToString("N0", Ci)} missing fields",
            set.Folder + ".csv", csv.ToString());
        readme.Append($"Source: {sourceNote}, `csv/{set.Source}.csv`. Converted by `dotnet run -c Release --project bench/Quality -- heldout`: ")
              .Append("row names dropped, `NA` → empty field, text fields quoted, the target moved last")
              .Append(set.Dropped.Length > 0 ? $", dropped: {string.Join(", ", set.Dropped.Select(d => $"`{d}`"))}" : "").Append(".\n\n");
        if (set.Task != TaskKind.Regression)
        {
            if (set.Positive is { } positive && !rows.Any(r => r[target] == positive))
                throw new InvalidDataException($"{set.Source}: the positive class '{positive}' never occurs in '{set.Target}'.");
            readme.AppendClasses(set.Positive, rows.Where(r => !IsMissing(r[target])).GroupBy(r => r[target]).Select(g => (g.Key, g.Count())));
        }
        return new Export(csv.ToString(), readme.ToString(), rows.Count, numericFeatures, textFeatures);
    }

    private static bool IsMissing(string field) => field.Length == 0 || field == Missing;

    private static string Quote(string value) => $"\"{value.Replace("\"", "\"\"")}\"";
}
