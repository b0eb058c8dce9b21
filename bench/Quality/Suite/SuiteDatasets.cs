using Microsoft.ML.Dropout;
using Microsoft.ML;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// The 14 datasets of the suite (plus MNIST as an optional extra), each loaded as its README in
/// ../shared/datasets says: file format, label and positive class, missing values, and the split (official test
/// set where one exists, otherwise ML.NET <c>TrainTestSplit(testFraction: 0.2, seed)</c>).
/// </summary>
internal static class SuiteDatasets
{
    private const string Random8020 = "random 80/20 (ML.NET TrainTestSplit)";

    public static readonly IReadOnlyList<SuiteDataset> All = new SuiteDataset[]
    {
        new("adult", "Adult (binary, income > 50K)", TaskKind.BinaryClassification, false, true, Adult),
        new("california-housing", "California housing (regression, $100k)", TaskKind.Regression, false, true, California),
        new("credit-data", "Credit data (binary, Status = bad)", TaskKind.BinaryClassification, false, true,
            RCsv("credit-data", "credit-data.csv", "Status", TaskKind.BinaryClassification, "bad")),
        new("coil2000", "CoIL 2000 (binary, CARAVAN = insurance, 6% positive)", TaskKind.BinaryClassification, true, true,
            RCsv("coil2000", "coil2000.csv", "CARAVAN", TaskKind.BinaryClassification, "insurance", officialTrainRows: 5_822)),
        new("hmda", "HMDA (binary, deny = yes, 12% positive)", TaskKind.BinaryClassification, true, true,
            RCsv("hmda", "hmda.csv", "deny", TaskKind.BinaryClassification, "yes")),
        new("dna", "DNA splice junctions (3 classes)", TaskKind.MulticlassClassification, false, true,
            RCsv("dna", "dna.csv", "Class", TaskKind.MulticlassClassification)),
        new("hpc-data", "HPC job run time (4 classes)", TaskKind.MulticlassClassification, false, true,
            RCsv("hpc-data", "hpc-data.csv", "class", TaskKind.MulticlassClassification)),
        new("ames", "Ames housing (regression, Sale_Price in $)", TaskKind.Regression, false, true,
            RCsv("ames", "ames.csv", "Sale_Price", TaskKind.Regression)),
        new("cps1988", "CPS 1988 (regression, weekly wage in $)", TaskKind.Regression, false, true,
            RCsv("cps1988", "cps1988.csv", "wage", TaskKind.Regression)),
        new("concrete", "Concrete (regression, compressive strength in MPa)", TaskKind.Regression, false, true,
            RCsv("concrete", "concrete.csv", "compressive_strength", TaskKind.Regression)),
        new("german-credit", "German credit (binary, bad = 2)", TaskKind.BinaryClassification, false, true, German),
        new("breast-cancer", "Breast cancer WDBC (binary, malignant)", TaskKind.BinaryClassification, false, true, Wdbc),
        new("boston-housing", "Boston housing (regression, MEDV in $1000s)", TaskKind.Regression, false, true, Boston),
        new("iris", "Iris (3 classes)", TaskKind.MulticlassClassification, false, true, Iris),
        new("mnist", "MNIST (10 classes; optional, outside the summary)", TaskKind.MulticlassClassification, false, false, Mnist),
    };

    /// <summary>The datasets in the score (all but the optional extras).</summary>
    public static IEnumerable<SuiteDataset> Scored => All.Where(d => d.InScore);

    public static SuiteDataset? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    /// <summary>
    /// The folders of <paramref name="root"/> the suite does not list whose README.md describes an R-exported CSV in
    /// the shared convention (<see cref="DatasetReadme"/>): each joins the suite, in the score, loaded like the listed
    /// R exports (text columns one-hot, an empty field missing) and split by the suite's rule (the README's official
    /// split, else random 80/20 with repeats under 5,000 rows). <paramref name="notes"/> names the folders left out and why.
    /// </summary>
    public static IReadOnlyList<SuiteDataset> Discover(string root, out IReadOnlyList<string> notes)
    {
        var found = new List<SuiteDataset>();
        var left = new List<string>();
        foreach (string dir in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(dir);
            if (Find(name) is not null)
                continue;
            string readme = Path.Combine(dir, "README.md");
            if (!File.Exists(readme))
            {
                left.Add($"{name}: no README.md");
                continue;
            }
            if (DatasetReadme.TryParse(File.ReadAllText(readme), out string why) is not { } spec)
            {
                left.Add($"{name}: {why}");
                continue;
            }
            string compared = spec.Task == TaskKind.Regression ? "RMSE" : spec.ComparedByAuc ? "AUC" : "accuracy";
            string title = $"{spec.Title} ({ConventionReadme.TaskWord(spec.Task)}, {spec.Label}{(spec.Positive is null ? "" : $" = {spec.Positive}")}; " +
                           $"found by its README, compared by {compared})";
            found.Add(new SuiteDataset(name.ToLowerInvariant(), title, spec.Task, spec.ComparedByAuc, true,
                RCsv(name, spec.CsvFile, spec.Label, spec.Task, spec.Positive, spec.OfficialTrainRows)));
        }
        notes = left;
        return found;
    }

    private static Func<MLContext, string, (SuiteData?, string)> RCsv(string folder, string file, string label, TaskKind task,
        string? positive = null, int? officialTrainRows = null) => (ml, root) =>
    {
        var spec = DelimitedFile.FromRCsv(root, folder, file, label, task, out string missing, positive);
        if (spec is null) return (null, missing);
        spec = spec with { OfficialTrainRows = officialTrainRows };
        string note = officialTrainRows is int n ? $"official split: first {n:N0} rows train, the rest test" : Random8020;
        return (spec.Load(ml, root, note), "");
    };

    private static (SuiteData?, string) Adult(MLContext ml, string root)
    {
        var split = AdultDataset.TryLoad(ml, root, out string missing);
        if (split is null) return (null, missing);
        return (new SuiteData(TaskKind.BinaryClassification, (split.Train, split.Test), null, 48_842,
            s => TabularFeaturizer.Build(ml, TaskKind.BinaryClassification, AdultDataset.NumericColumns, AdultDataset.CategoricalColumns, s),
            split.Note), "");
    }

    private static (SuiteData?, string) California(MLContext ml, string root)
    {
        var split = CaliforniaHousingDataset.TryLoad(ml, root, out string missing);
        if (split is null) return (null, missing);
        return (new SuiteData(TaskKind.Regression, (split.Train, split.Test), null, 20_640,
            s => TabularFeaturizer.Build(ml, TaskKind.Regression, CaliforniaHousingDataset.NumericColumns, Array.Empty<string>(), s),
            $"{Random8020}, seed {CaliforniaHousingDataset.SplitSeed}"), "");
    }

    private static (SuiteData?, string) Mnist(MLContext ml, string root)
    {
        var split = MnistDataset.TryLoad(ml, root, out string missing);
        if (split is null) return (null, missing);
        return (new SuiteData(TaskKind.MulticlassClassification, (split.Train, split.Test), null, 70_000, _ => split.Featurizer, split.Note), "");
    }

    /// <summary>german.data: space-separated, no header; attributes 2, 5, 8, 11, 13, 16, 18 numeric, the rest coded text; label 1 good / 2 bad.</summary>
    private static (SuiteData?, string) German(MLContext ml, string root)
    {
        if (DatasetLocator.TryGetDatasetFolder(root, "german-credit", out string missing, "german.data") is null) return (null, missing);
        string[] names = { "status", "duration", "credit_history", "purpose", "credit_amount", "savings", "employment", "installment_rate",
            "personal_status", "other_debtors", "residence_since", "property", "age", "other_installments", "housing", "existing_credits",
            "job", "people_liable", "telephone", "foreign_worker" };
        int[] numeric = { 1, 4, 7, 10, 12, 15, 17 };
        var columns = names.Select((n, i) => new DelimitedColumn(n, i, !numeric.Contains(i))).ToArray();
        return (new DelimitedFile("german-credit", "german.data", ' ', false, TaskKind.BinaryClassification, 20, columns, "2")
            .Load(ml, root, Random8020), "");
    }

    /// <summary>wdbc.data: comma, no header; ID (dropped), diagnosis M/B (label, M positive), 30 real features.</summary>
    private static (SuiteData?, string) Wdbc(MLContext ml, string root)
    {
        if (DatasetLocator.TryGetDatasetFolder(root, "breast-cancer", out string missing, "wdbc.data") is null) return (null, missing);
        var columns = Enumerable.Range(2, 30).Select(i => new DelimitedColumn($"f{i - 1}", i, false)).ToArray();
        return (new DelimitedFile("breast-cancer", "wdbc.data", ',', false, TaskKind.BinaryClassification, 1, columns, "M")
            .Load(ml, root, Random8020), "");
    }

    /// <summary>housing.txt: tab, header, label MEDV first, then 13 numeric features.</summary>
    private static (SuiteData?, string) Boston(MLContext ml, string root)
    {
        if (DatasetLocator.TryGetDatasetFolder(root, BostonHousingDataset.FolderName, out string missing, "housing.txt") is null) return (null, missing);
        var columns = BostonHousingDataset.NumericColumns.Select((n, i) => new DelimitedColumn(n, i + 1, false)).ToArray();
        return (new DelimitedFile(BostonHousingDataset.FolderName, "housing.txt", '\t', true, TaskKind.Regression, 0, columns)
            .Load(ml, root, Random8020), "");
    }

    /// <summary>iris.data: comma, no header, 4 numeric features, class name last (trailing blank lines skipped by TextLoader).</summary>
    private static (SuiteData?, string) Iris(MLContext ml, string root)
    {
        if (DatasetLocator.TryGetDatasetFolder(root, IrisDataset.FolderName, out string missing, "iris.data") is null) return (null, missing);
        var columns = IrisDataset.NumericColumns.Select((n, i) => new DelimitedColumn(n, i, false)).ToArray();
        return (new DelimitedFile(IrisDataset.FolderName, "iris.data", ',', false, TaskKind.MulticlassClassification, 4, columns)
            .Load(ml, root, Random8020), "");
    }
}
