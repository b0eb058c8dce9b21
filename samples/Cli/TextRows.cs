using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetRegularization.Samples.Cli;

/// <summary>
/// Reads the fields of every row of a delimited text file with ML.NET's own TextLoader, so the CLI sees exactly the
/// rows that training will load: lines starting with "//" are comments, quoted fields may hold the separator, and
/// whitespace at the end of a line (a trailing separator in a space-separated file) is trimmed.
/// </summary>
internal static class TextRows
{
    /// <summary>The options used both here and for loading the training data.</summary>
    public const bool AllowQuoting = true;

    /// <summary>Whitespace at the start and end of each line is ignored.</summary>
    public const bool TrimWhitespace = true;

    /// <summary>The fields of each row in file order (the header too, when there is one), as strings.</summary>
    public static IEnumerable<string[]> Read(string path, char separator)
    {
        var loader = new MLContext().Data.CreateTextLoader(new TextLoader.Options
        {
            Separators = new[] { separator },
            HasHeader = false,
            AllowQuoting = AllowQuoting,
            TrimWhitespace = TrimWhitespace,
            Columns = new[]
            {
                new TextLoader.Column("Fields", DataKind.String, new[] { new TextLoader.Range(0, null) { AutoEnd = false, VariableEnd = true } }),
            },
        });
        IDataView view = loader.Load(path);
        using DataViewRowCursor cursor = view.GetRowCursor(view.Schema);
        var getter = cursor.GetGetter<VBuffer<ReadOnlyMemory<char>>>(view.Schema["Fields"]);
        var fields = default(VBuffer<ReadOnlyMemory<char>>);
        while (cursor.MoveNext())
        {
            getter(ref fields);
            var row = new string[fields.Length];
            foreach (var (index, value) in fields.Items())
                row[index] = value.ToString();
            for (int i = 0; i < row.Length; i++)
                row[i] ??= "";
            yield return row;
        }
    }
}
