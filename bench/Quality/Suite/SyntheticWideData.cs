using System.Globalization;
using System.Text;
using Microsoft.ML.Dropout;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>How a synthetic wide set's target depends on its first five columns (the rest are noise).</summary>
internal enum WideSignal
{
    /// <summary>y = x1 + x2 + x3 + x4 + x5 + 0.5·ε.</summary>
    Linear,

    /// <summary>y = sin(2·x1) + x2·x3 + |x4| + x5 + 0.5·ε.</summary>
    Nonlinear,
}

/// <summary>A synthetic wide data set: <paramref name="Columns"/> standard-normal columns, five of them informative.</summary>
internal sealed record SyntheticWideSet(string Folder, TaskKind Task, int Rows, int Columns, WideSignal Signal);

/// <summary>
/// Synthetic wide data in the shared R-export convention (header, unquoted numbers, the target last, a README the suite
/// discovers), to measure what a 128-column cap for the numeric embedding (defaults v7's <c>MaxEmbeddedColumns</c>; v8
/// embeds wide data by rule, <c>EmbeddedColumnsRule</c>) costs on data with more numeric columns than that. Real data of that shape with more than a few hundred rows is not
/// at hand (the three held-out sets over 128 embeddable columns have 214–276 training rows); these sets stand in for it,
/// with the caveat that independent Gaussian columns with a sparse signal are a favourable case for a per-column
/// embedding. The list was fixed before any of them ran.
/// </summary>
internal static class SyntheticWideData
{
    public static readonly IReadOnlyList<SyntheticWideSet> All =
    [
        new("wide-linear-200x600", TaskKind.Regression, 200, 600, WideSignal.Linear),
        new("wide-linear-1000x300", TaskKind.Regression, 1_000, 300, WideSignal.Linear),
        new("wide-nonlinear-1000x300", TaskKind.Regression, 1_000, 300, WideSignal.Nonlinear),
        new("wide-nonlinear-3000x200", TaskKind.Regression, 3_000, 200, WideSignal.Nonlinear),
        new("wide-binary-1000x300", TaskKind.BinaryClassification, 1_000, 300, WideSignal.Nonlinear),
        new("wide-binary-3000x200", TaskKind.BinaryClassification, 3_000, 200, WideSignal.Nonlinear),
    ];

    /// <summary>
    /// The threshold of the binary sets: class <c>yes</c> when the nonlinear signal plus noise exceeds it — about the
    /// signal's median (E|x4| ≈ 0.8), so the classes are about balanced.
    /// </summary>
    public const double BinaryThreshold = 0.8;

    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>The CSV text and README.md of <paramref name="set"/>, drawn with <c>System.Random(seed)</c>.</summary>
    public static (string Csv, string Readme) Write(SyntheticWideSet set, int seed = 1)
    {
        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var csv = new StringBuilder();
        csv.Append(string.Join(',', Enumerable.Range(1, set.Columns).Select(j => $"\"x{j}\""))).Append(",\"y\"\n");
        int positives = 0;
        var x = new double[set.Columns];
        for (int i = 0; i < set.Rows; i++)
        {
            for (int j = 0; j < x.Length; j++) x[j] = Math.Round(Gaussian(), 4);
            double signal = set.Signal == WideSignal.Linear ? x[0] + x[1] + x[2] + x[3] + x[4]
                : Math.Sin(2 * x[0]) + x[1] * x[2] + Math.Abs(x[3]) + x[4];
            double y = signal + 0.5 * Gaussian();
            csv.Append(string.Join(',', x.Select(v => v.ToString("0.####", Ci)))).Append(',');
            if (set.Task == TaskKind.Regression)
                csv.Append(y.ToString("0.####", Ci));
            else
            {
                bool yes = y > BinaryThreshold;
                positives += yes ? 1 : 0;
                csv.Append(yes ? "\"yes\"" : "\"no\"");
            }
            csv.Append('\n');
        }
        string formula = set.Signal == WideSignal.Linear ? "x1 + x2 + x3 + x4 + x5 + 0.5·ε" : "sin(2·x1) + x2·x3 + |x4| + x5 + 0.5·ε";
        var readme = ConventionReadme.Begin($"{set.Folder} (synthetic wide data)", $"synthetic::{set.Folder}", set.Task, "y",
            set.Rows, set.Columns + 1, $"{set.Columns} numeric features + target", set.Folder + ".csv", csv.ToString());
        readme.Append($"Written by `dotnet run -c Release --project bench/Quality -- synthetic-wide` (System.Random({seed})): x1 … x{set.Columns} ")
              .Append($"independent standard normal (4 decimals), ε standard normal; {(set.Task == TaskKind.Regression ? $"y = {formula}" : $"y = `yes` when {formula} > {BinaryThreshold.ToString(Ci)}, else `no`")}.\n");
        if (set.Task != TaskKind.Regression)
            readme.AppendClasses("yes", [("no", set.Rows - positives), ("yes", positives)]);
        return (csv.ToString(), readme.ToString());
    }

    /// <summary>The <c>synthetic-wide --out &lt;folder&gt;</c> command: writes every set of <see cref="All"/> under the folder.</summary>
    public static int Run(string[] argv)
    {
        const string usage = """
            Writes synthetic wide data sets (bench/Quality/Suite/SyntheticWideData.cs) in the shared R-export convention:

              dotnet run -c Release --project bench/Quality -- synthetic-wide --out <folder>
              dotnet run -c Release --project bench/Quality -- suite --data <folder> --threads 1 --ours defaults,v7+embed-all
            """;
        if (argv.Length != 3 || argv[1] != "--out")
        {
            Console.Error.WriteLine(usage);
            return argv.Length == 2 && argv[1] is "--help" or "-h" ? 0 : 2;
        }
        foreach (var set in All)
        {
            var (csv, readme) = Write(set);
            string folder = Path.Combine(argv[2], set.Folder);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, set.Folder + ".csv"), csv);
            File.WriteAllText(Path.Combine(folder, "README.md"), readme);
            Console.Error.WriteLine($"{set.Folder}: {set.Rows:N0} rows, {set.Columns} numeric features, {set.Task}.");
        }
        Console.Error.WriteLine($"Wrote {All.Count} data sets to {Path.GetFullPath(argv[2])}.");
        return 0;
    }
}
