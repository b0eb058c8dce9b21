using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML.Dropout;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// Writes the parts of a dataset README.md in the shared R-export convention that <see cref="DatasetReadme"/> reads
/// back: the heading, the task line, the file table, the positive class and the class balance. Used by the converters
/// of further data (<see cref="RDatasetsExport"/>, <see cref="SyntheticWideData"/>).
/// </summary>
internal static class ConventionReadme
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>The task as the convention's task line names it: binary, multiclass or regression.</summary>
    public static string TaskWord(TaskKind task) => task switch
    {
        TaskKind.BinaryClassification => "binary",
        TaskKind.MulticlassClassification => "multiclass",
        _ => "regression",
    };

    /// <summary>
    /// The heading, the task line ("`pkg::name` exported to CSV — binary task, target **`y`**, n rows × m columns
    /// (<paramref name="composition"/>).") and the file table of <paramref name="csv"/> (its bytes and md5).
    /// </summary>
    public static StringBuilder Begin(string title, string rObject, TaskKind task, string target, int rows, int columns,
        string composition, string fileName, string csv)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(csv);
        string rowCount = rows.ToString("N0", Ci);
        return new StringBuilder()
            .Append($"# {title}\n\n")
            .Append($"`{rObject}` exported to CSV — {TaskWord(task)} task, target **`{target}`**, {rowCount} rows × {columns} columns ({composition}).\n\n")
            .Append("## File\n| file | bytes | md5 | rows | columns |\n|---|---:|---|---:|---:|\n")
            .Append($"| {fileName} | {bytes.Length.ToString("N0", Ci)} | {Convert.ToHexStringLower(MD5.HashData(bytes))} | {rowCount} + header | {columns} |\n\n");
    }

    /// <summary>"Positive class used for AUC below: `p`." (when there is one) and "Class balance: `a` n, `b` m." in ordinal class order.</summary>
    public static StringBuilder AppendClasses(this StringBuilder readme, string? positive, IEnumerable<(string Class, int Count)> counts)
    {
        if (positive is not null)
            readme.Append($"Positive class used for AUC below: `{positive}`.\n");
        return readme.Append("Class balance: ")
            .Append(string.Join(", ", counts.OrderBy(c => c.Class, StringComparer.Ordinal).Select(c => $"`{c.Class}` {c.Count.ToString("N0", Ci)}")))
            .Append(".\n");
    }
}
