using Microsoft.ML.Dropout;
using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// A dataset in one delimited text file, read with ML.NET's <c>TextLoader</c> (quoting allowed, an empty numeric
/// field read as NaN). Binary labels are read as text and mapped to Boolean (<see cref="PositiveLabel"/> = true);
/// multiclass labels stay text and become a key in the featurizer; regression labels are Single.
/// </summary>
internal sealed record DelimitedFile(string Folder, string FileName, char Separator, bool HasHeader, TaskKind Task,
    int LabelIndex, IReadOnlyList<DelimitedColumn> Columns, string? PositiveLabel = null)
{
    /// <summary>Rows 0..n−1 are the official training part, the rest the test part (null: split by seed).</summary>
    public int? OfficialTrainRows { get; init; }

    /// <summary>What reading the file changed or inferred beyond the convention (<see cref="SuiteData.DataNotes"/>).</summary>
    public IReadOnlyList<string> ReadNotes { get; init; } = [];

    /// <summary>
    /// The feature column names the featurizer and loader use themselves (<see cref="TabularFeaturizer"/>): a feature
    /// of that name would be hidden by, or hide, the suite's own column — a feature called <c>Label</c> would be
    /// replaced by the target. Such a feature is read under another name.
    /// </summary>
    internal static readonly string[] ReservedNames =
        [TabularFeaturizer.LabelColumn, TabularFeaturizer.FeaturesColumn, RawLabel, "NumericFeatures", "NumericBins", "NumericBinsOneHot"];

    /// <summary>The values R writes for a missing or non-finite number; ML.NET's TextLoader reads each as NaN (missing).</summary>
    internal static readonly string[] NonFiniteNumbers = ["NA", "NaN", "Inf", "-Inf"];

    /// <summary>
    /// An R <c>write.csv</c> export (header, comma, text quoted, missing = empty field), label in column
    /// <paramref name="labelName"/>. A column is text (one-hot encoded) when any of its fields is quoted, as the files'
    /// READMEs specify, or when an unquoted field is not a number: R writes a logical column unquoted
    /// (<c>TRUE</c>/<c>FALSE</c>), which the TextLoader would otherwise read as all NaN, silently losing the feature.
    /// In a numeric column an unquoted <c>NA</c>, <c>NaN</c>, <c>Inf</c> or <c>-Inf</c> is read as missing. A feature
    /// whose name the suite uses itself (<see cref="ReservedNames"/>) or that would collide with another column's one-hot
    /// output is renamed. Each of these is said in <see cref="ReadNotes"/>.
    /// </summary>
    public static DelimitedFile? FromRCsv(string root, string folder, string fileName, string labelName, TaskKind task,
        out string missing, string? positiveLabel = null)
    {
        string? dir = DatasetLocator.TryGetDatasetFolder(root, folder, out missing, fileName);
        if (dir is null) return null;
        string path = Path.Combine(dir, fileName);
        string[] header = CsvFields(File.ReadLines(path).First()).ToArray();
        var quoted = new bool[header.Length];
        var notNumber = new string?[header.Length];
        var nonFinite = new int[header.Length];
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            int i = 0;
            foreach (string field in CsvFields(line, keepQuotes: true))
            {
                if (i < quoted.Length)
                {
                    string value = field.Trim();
                    if (field.StartsWith('"')) quoted[i] = true;
                    else if (NonFiniteNumbers.Contains(value)) nonFinite[i]++;
                    else if (notNumber[i] is null && value.Length > 0 &&
                             !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                        notNumber[i] = value;
                }
                i++;
            }
        }
        int label = Array.IndexOf(header, labelName);
        if (label < 0)
            throw new InvalidDataException($"{path}: no column '{labelName}' in the header ({string.Join(", ", header)}).");
        var notes = new List<string>();
        var names = new HashSet<string>(header, StringComparer.Ordinal);
        var columns = new List<DelimitedColumn>();
        for (int i = 0; i < header.Length; i++)
        {
            if (i == label) continue;
            bool text = quoted[i] || notNumber[i] is not null;
            if (!quoted[i] && notNumber[i] is not null)
                notes.Add($"'{header[i]}' read as categorical (unquoted values that are not numbers, e.g. '{notNumber[i]}')");
            else if (!text && nonFinite[i] > 0)
                notes.Add($"'{header[i]}': {nonFinite[i]:N0} field(s) NA/NaN/Inf read as missing");
            string name = header[i];
            bool reserved = ReservedNames.Contains(name);
            if (reserved || (text && names.Contains(name + "OneHot")))
            {
                string renamed = $"{name} (column {i + 1})";
                while (!names.Add(renamed)) renamed += "'";
                notes.Add(reserved
                    ? $"'{name}' read as '{renamed}' (the suite uses that name itself)"
                    : $"'{name}' read as '{renamed}' (its one-hot output would have hidden the column '{name}OneHot')");
                name = renamed;
            }
            columns.Add(new DelimitedColumn(name, i, text));
        }
        return new DelimitedFile(folder, fileName, ',', true, task, label, columns, positiveLabel) { ReadNotes = notes };
    }

    /// <summary>Loads the file through <c>TextLoader</c> with a <c>Label</c> column of the task's type.</summary>
    public SuiteData Load(MLContext ml, string root, string splitNote)
    {
        string path = Path.Combine(root, Folder, FileName);
        var loaderColumns = Columns
            .Select(c => new TextLoader.Column(c.Name, c.IsText ? DataKind.String : DataKind.Single, c.Index))
            .Append(new TextLoader.Column(Task == TaskKind.BinaryClassification ? RawLabel : TabularFeaturizer.LabelColumn,
                Task == TaskKind.Regression ? DataKind.Single : DataKind.String, LabelIndex))
            .ToArray();
        var loader = ml.Data.CreateTextLoader(new TextLoader.Options
        {
            Columns = loaderColumns,
            Separators = new[] { Separator },
            HasHeader = HasHeader,
            AllowQuoting = true,
            MissingRealsAsNaNs = true,
            TrimWhitespace = Separator == ' ',
        });
        // Parsed once and kept in memory: every split and featurizer pass reads the cache, not the file.
        IDataView all = ml.Data.Cache(loader.Load(path));
        // A row whose target is missing (an empty field: NaN for a regression target, empty text for a class) has
        // nothing to learn or score: it is left out of both parts, and the split note says how many. The official
        // split counts the file's rows, so it is cut first.
        long unlabeled = UnlabeledRows(all);
        long rows = CountDataLines(path) - unlabeled;
        (IDataView, IDataView)? official = OfficialTrainRows is int n
            ? (Labeled(ml, ml.Data.TakeRows(all, n), unlabeled), Labeled(ml, ml.Data.SkipRows(all, n), unlabeled))
            : null;
        if (official is null && unlabeled > 0)
            all = ml.Data.Cache(Labeled(ml, all, unlabeled));
        var notes = new List<string>();
        if (unlabeled > 0)
            notes.Add($"{unlabeled:N0} row(s) without a target value (an empty field) left out");
        notes.AddRange(ReadNotes);
        string[] numeric = Columns.Where(c => !c.IsText).Select(c => c.Name).ToArray();
        string[] text = Columns.Where(c => c.IsText).Select(c => c.Name).ToArray();
        return new SuiteData(Task, official, official is null ? all : null, rows, scaling =>
        {
            var featurizer = TabularFeaturizer.Build(ml, Task, numeric, text, scaling);
            return Task == TaskKind.BinaryClassification ? LabelToBoolean(ml, all).Append(featurizer) : featurizer;
        }, splitNote) { DataNotes = notes };
    }

    private const string RawLabel = "LabelText";

    /// <summary>Maps the text label to Boolean: the positive label → true, every other value seen → false.</summary>
    private IEstimator<ITransformer> LabelToBoolean(MLContext ml, IDataView all)
    {
        var values = ml.Data.CreateEnumerable<TextLabel>(all, reuseRowObject: false).Select(r => r.LabelText).Distinct().ToArray();
        if (!values.Contains(PositiveLabel))
            throw new InvalidDataException($"{Folder}/{FileName}: positive label '{PositiveLabel}' not found; labels are {string.Join(", ", values)}.");
        return ml.Transforms.Conversion.MapValue(TabularFeaturizer.LabelColumn,
            values.Select(v => new KeyValuePair<string, bool>(v, v == PositiveLabel)), RawLabel);
    }

    private sealed class TextLabel
    {
        public string LabelText { get; set; } = "";
    }

    private sealed class ClassLabel
    {
        public string Label { get; set; } = "";
    }

    private long UnlabeledRows(IDataView all) => Task switch
    {
        TaskKind.Regression => all.GetColumn<float>(TabularFeaturizer.LabelColumn).LongCount(float.IsNaN),
        TaskKind.BinaryClassification => all.GetColumn<string>(RawLabel).LongCount(string.IsNullOrEmpty),
        _ => all.GetColumn<string>(TabularFeaturizer.LabelColumn).LongCount(string.IsNullOrEmpty),
    };

    /// <summary><paramref name="view"/> without the rows whose target is missing (unchanged when the file has none).</summary>
    private IDataView Labeled(MLContext ml, IDataView view, long unlabeled) => unlabeled == 0 ? view : Task switch
    {
        TaskKind.Regression => ml.Data.FilterRowsByMissingValues(view, TabularFeaturizer.LabelColumn),
        TaskKind.BinaryClassification => ml.Data.FilterByCustomPredicate<TextLabel>(view, r => string.IsNullOrEmpty(r.LabelText)),
        _ => ml.Data.FilterByCustomPredicate<ClassLabel>(view, r => string.IsNullOrEmpty(r.Label)),
    };

    private long CountDataLines(string path) =>
        File.ReadLines(path).Count(l => !string.IsNullOrWhiteSpace(l)) - (HasHeader ? 1 : 0);

    /// <summary>Splits one CSV line on commas outside double quotes; quotes are removed unless <paramref name="keepQuotes"/>.</summary>
    internal static IEnumerable<string> CsvFields(string line, bool keepQuotes = false)
    {
        var field = new StringBuilder();
        bool inQuotes = false;
        foreach (char c in line)
        {
            if (c == '"') { inQuotes = !inQuotes; if (keepQuotes) field.Append(c); }
            else if (c == ',' && !inQuotes) { yield return field.ToString(); field.Clear(); }
            else field.Append(c);
        }
        yield return field.ToString();
    }
}
