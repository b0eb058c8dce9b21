using Microsoft.ML.Dropout;
using Microsoft.ML;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Bench.Quality.Suite;

namespace MLNetRegularization.Bench.Quality.Tests;

/// <summary>
/// A folder the suite does not list joins it when its README.md describes an R-exported CSV in the shared datasets'
/// convention: task, target, file, positive class, class balance (the AUC rule) and an official split are read from
/// it, and the data loads as the listed R exports do.
/// </summary>
public sealed class DatasetReadmeTests : IDisposable
{
    private readonly TemporaryFolder _temporary = new("suite-readme-");

    private string Root => _temporary.Path;

    public void Dispose() => _temporary.Dispose();

    private static string Readme(string task, string target, string balance, string extra = "") => $"""
        # Toy loans (applicants, good/bad)

        `toy::loans` exported to CSV — {task} task, target **`{target}`**, 6 rows × 4 columns (3 features + target).

        ## File
        | file | bytes | md5 | rows | columns |
        |---|---:|---|---:|---:|
        | loans.csv | 120 | 0 | 6 + header | 4 |

        ## Task
        - **Binary classification** of `{target}` (last column). Positive class used for AUC below: `bad`.
        - Class balance: {balance}
        {extra}
        """;

    [Fact]
    public void TryParse_BinaryReadme_ReadsFileTargetPositiveAndBalance()
    {
        var spec = DatasetReadme.TryParse(Readme("binary", "Status", "`bad` 1,254, `good` 3,200."), out string why);

        Assert.Equal("", why);
        Assert.Equal(new DatasetReadme("Toy loans (applicants, good/bad)", "loans.csv", "Status", TaskKind.BinaryClassification, "bad", null, 1254.0 / 4454),
            spec);
        Assert.False(spec!.ComparedByAuc); // 28% bad: accuracy, as credit-data
    }

    [Theory]
    [InlineData("`noinsurance` 9,236, `insurance` 586.", true)] // coil2000: 6%
    [InlineData("`no` 2,095, `yes` 285.", true)] // hmda: 12%
    [InlineData("`good` 700, `bad` 300.", false)] // german-credit: 30%
    [InlineData("`bad` 199, `good` 801.", true)] // just under the 20% rule
    [InlineData("`bad` 200, `good` 800.", false)] // at it
    public void ComparedByAuc_BinarySetsWhoseSmallerClassIsUnderAFifth(string balance, bool byAuc) =>
        Assert.Equal(byAuc, DatasetReadme.TryParse(Readme("binary", "y", balance), out _)!.ComparedByAuc);

    [Fact]
    public void TryParse_OfficialSplitAndOtherTasks()
    {
        string official = "**Official CoIL 2000 split: rows 1–5,822 = training set (TICDATA2000), rows 5,823–9,822 = test set.**";
        Assert.Equal(5822, DatasetReadme.TryParse(Readme("binary", "y", "`a` 1, `b` 1.", official), out _)!.OfficialTrainRows);
        var multiclass = DatasetReadme.TryParse(Readme("multiclass", "Class", "`ei` 767, `ie` 765, `n` 1,654."), out _)!;
        Assert.Equal((TaskKind.MulticlassClassification, 765.0 / 3186), (multiclass.Task, multiclass.MinorityShare));
        var regression = DatasetReadme.TryParse(Readme("regression", "price", "none"), out _)!;
        Assert.Equal((TaskKind.Regression, (double?)null, false), (regression.Task, regression.MinorityShare, regression.ComparedByAuc));
    }

    [Fact]
    public void TryParse_OutsideTheConvention_SaysWhatIsMissing()
    {
        Assert.Null(DatasetReadme.TryParse("# Something\n\nA data set.", out string why));
        Assert.Equal("its README has no line \"… exported to CSV — <binary|multiclass|regression> task, target **`<column>`** …\"", why);
        Assert.Null(DatasetReadme.TryParse(Readme("binary", "y", "x").Replace("loans.csv", "loans.data"), out why));
        Assert.Equal("its README's file table names no .csv file", why);
        Assert.Null(DatasetReadme.TryParse(Readme("binary", "y", "x").Replace("Positive class used for AUC below: `bad`.", ""), out why));
        Assert.Equal("its README names no positive class (\"Positive class used for AUC below: `<class>`.\")", why);
    }

    [Fact]
    public void Discover_NewFolder_JoinsTheSuiteAndLoads_ListedAndStrayFoldersDoNot()
    {
        string loans = Path.Combine(Root, "loans");
        Directory.CreateDirectory(loans);
        File.WriteAllText(Path.Combine(loans, "README.md"), Readme("binary", "Status", "`bad` 2, `good` 4."));
        File.WriteAllLines(Path.Combine(loans, "loans.csv"), new[]
        {
            "\"Age\",\"Kind\",\"Income\",\"Status\"",
            "30,\"urban\",100,\"bad\"", "40,\"rural\",,\"good\"", "50,\"urban\",300,\"good\"",
            "60,\"rural\",200,\"bad\"", "35,\"urban\",150,\"good\"", "45,\"rural\",250,\"good\"",
        });
        Directory.CreateDirectory(Path.Combine(Root, "iris")); // listed: not discovered again
        Directory.CreateDirectory(Path.Combine(Root, "notes"));
        File.WriteAllText(Path.Combine(Root, "notes", "README.md"), "# Notes");

        var found = SuiteDatasets.Discover(Root, out var left);

        var dataset = Assert.Single(found);
        Assert.Equal(("loans", TaskKind.BinaryClassification, "accuracy", true), (dataset.Name, dataset.Task, dataset.ComparisonMetric, dataset.InScore));
        Assert.Equal("Toy loans (applicants, good/bad) (binary, Status = bad; found by its README, compared by accuracy)", dataset.Title);
        Assert.Equal(new[] { "notes: its README has no line \"… exported to CSV — <binary|multiclass|regression> task, target **`<column>`** …\"" }, left);
        var (data, missing) = dataset.Load(new MLContext(0), Root);
        Assert.Equal("", missing);
        Assert.Equal(6, data!.Rows);
    }
}
