using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Samples.Datasets;

/// <summary>
/// UCI Adult (census income, binary): the official split, 32,561 training rows (<c>adult.data</c>) and
/// 16,281 test rows (<c>adult.test</c>). The files use ", " between fields, which TextLoader cannot trim, so they
/// are parsed here: fields trimmed, blank lines and the <c>|1x3 Cross validator</c> line skipped, labels
/// <c>&gt;50K</c> and <c>&gt;50K.</c> are positive, <c>?</c> (missing categorical) becomes the empty string,
/// which one-hot encoding maps to all zeros.
/// </summary>
public static class AdultDataset
{
    /// <summary>Folder name under the dataset root.</summary>
    public const string FolderName = "adult";

    /// <summary>The 6 numeric columns of <see cref="AdultRow"/>.</summary>
    public static readonly IReadOnlyList<string> NumericColumns =
        new[] { nameof(AdultRow.Age), nameof(AdultRow.Fnlwgt), nameof(AdultRow.EducationNum), nameof(AdultRow.CapitalGain), nameof(AdultRow.CapitalLoss), nameof(AdultRow.HoursPerWeek) };

    /// <summary>The 8 categorical columns of <see cref="AdultRow"/>.</summary>
    public static readonly IReadOnlyList<string> CategoricalColumns =
        new[] { nameof(AdultRow.Workclass), nameof(AdultRow.Education), nameof(AdultRow.MaritalStatus), nameof(AdultRow.Occupation),
                nameof(AdultRow.Relationship), nameof(AdultRow.Race), nameof(AdultRow.Sex), nameof(AdultRow.NativeCountry) };

    /// <summary>Loads the official split, or returns null and says why in <paramref name="missing"/>.</summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="datasetRoot">The folder that holds <c>adult/</c> (see <see cref="DatasetLocator"/>).</param>
    /// <param name="missing">Why the dataset was not loaded; empty on success.</param>
    /// <param name="scaling">Numeric rescaling in the featurizer. Default mean/variance.</param>
    public static DatasetSplit? TryLoad(MLContext mlContext, string datasetRoot, out string missing, NumericScaling scaling = NumericScaling.MeanVariance)
    {
        string? folder = DatasetLocator.TryGetDatasetFolder(datasetRoot, FolderName, out missing, "adult.data", "adult.test");
        if (folder is null) return null;
        var train = mlContext.Data.LoadFromEnumerable(ReadRows(Path.Combine(folder, "adult.data")).ToList());
        var test = mlContext.Data.LoadFromEnumerable(ReadRows(Path.Combine(folder, "adult.test")).ToList());
        return new DatasetSplit("adult", TaskKind.BinaryClassification, train, test,
            TabularFeaturizer.Build(mlContext, TaskKind.BinaryClassification, NumericColumns, CategoricalColumns, scaling),
            "official split: adult.data (32,561) / adult.test (16,281)");
    }

    /// <summary>Parses one Adult file (either split) into rows.</summary>
    public static IEnumerable<AdultRow> ReadRows(string path)
    {
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('|') || line.StartsWith('#'))
                continue;
            string[] f = line.Split(',');
            if (f.Length != 15)
                throw new InvalidDataException($"{path}:{lineNumber}: expected 15 comma-separated fields, found {f.Length}.");
            for (int i = 0; i < f.Length; i++)
            {
                f[i] = f[i].Trim();
                if (f[i] == "?") f[i] = "";
            }
            string label = f[14].TrimEnd('.');
            if (label is not (">50K" or "<=50K"))
                throw new InvalidDataException($"{path}:{lineNumber}: unknown label '{f[14]}' (expected >50K or <=50K, optionally with a trailing period).");
            yield return new AdultRow
            {
                Age = Number(f[0]), Workclass = f[1], Fnlwgt = Number(f[2]), Education = f[3], EducationNum = Number(f[4]),
                MaritalStatus = f[5], Occupation = f[6], Relationship = f[7], Race = f[8], Sex = f[9],
                CapitalGain = Number(f[10]), CapitalLoss = Number(f[11]), HoursPerWeek = Number(f[12]), NativeCountry = f[13],
                Label = label == ">50K",
            };
        }
    }

    private static float Number(string field) =>
        field.Length == 0 ? float.NaN : float.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
}
