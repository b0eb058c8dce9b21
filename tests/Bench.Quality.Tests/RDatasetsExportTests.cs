using Microsoft.ML;
using Microsoft.ML.Dropout;
using MLNetRegularization.Bench.Quality.Suite;

namespace MLNetRegularization.Bench.Quality.Tests;

/// <summary>
/// The held-out check's converter: an Rdatasets CSV (row names, <c>NA</c>, nothing quoted) becomes a folder the suite
/// discovers — text columns quoted (the loader's rule for a categorical column), missing values empty, the target last,
/// dropped columns gone — and the README it writes parses to the same task, target, positive class and balance.
/// </summary>
public sealed class RDatasetsExportTests : IDisposable
{
    private readonly TemporaryFolder _temporary = new("rdatasets-");

    public void Dispose() => _temporary.Dispose();

    private static readonly string[] Loans =
    [
        "rownames,Status,Age,Home,Income,Score,Marker",
        "1,bad,30,rent,100,NA,Train",
        "2,good,40,own,NA,2.5,Train",
        "3,good,50,rent,300,1e3,Test",
        "4,bad,60,NA,200,-1.25,Test",
        "5,good,35,\"other, shared\",150,0,Train",
        "6,good,45,own,250,7,Test",
    ];

    private static readonly HeldOutDataset LoanSet = new("loans", "toy/Loans", TaskKind.BinaryClassification, "Status", "bad", "Marker");

    [Fact]
    public void Convert_QuotesTextColumns_EmptiesMissing_MovesTargetLast_DropsRowNamesAndDroppedColumns()
    {
        var export = RDatasetsExport.Convert(LoanSet, Loans, "a test");

        Assert.Equal(
        [
            "\"Age\",\"Home\",\"Income\",\"Score\",\"Status\"",
            "30,\"rent\",100,,\"bad\"",
            "40,\"own\",,2.5,\"good\"",
            "50,\"rent\",300,1e3,\"good\"",
            "60,,200,-1.25,\"bad\"",
            "35,\"other, shared\",150,0,\"good\"",
            "45,\"own\",250,7,\"good\"",
        ], export.Csv.TrimEnd('\n').Split('\n'));
        Assert.Equal((6, 3, 1), (export.Rows, export.NumericFeatures, export.TextFeatures));
    }

    [Fact]
    public void Convert_Readme_ParsesAsTheSet_AndTheFolderJoinsTheSuiteAndLoads()
    {
        var export = RDatasetsExport.Convert(LoanSet, Loans, "a test");

        var spec = DatasetReadme.TryParse(export.Readme, out string why);
        Assert.True(spec is not null, why);
        Assert.Equal(("loans.csv", "Status", TaskKind.BinaryClassification, "bad", (int?)null), (spec!.CsvFile, spec.Label, spec.Task, spec.Positive, spec.OfficialTrainRows));
        Assert.Equal(2.0 / 6, spec.MinorityShare!.Value, 12);
        Assert.Contains("`toy::Loans` exported to CSV", export.Readme);
        Assert.Contains("dropped: `Marker`", export.Readme);

        string folder = Path.Combine(_temporary.Path, "loans");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "loans.csv"), export.Csv);
        File.WriteAllText(Path.Combine(folder, "README.md"), export.Readme);
        var dataset = Assert.Single(SuiteDatasets.Discover(_temporary.Path, out var left));
        Assert.Empty(left);
        var (data, missing) = dataset.Load(new MLContext(0), _temporary.Path);
        Assert.Equal("", missing);
        Assert.Equal(6, data!.Rows);
    }

    [Fact]
    public void Convert_Regression_KeepsANumericTarget_MulticlassQuotesIt()
    {
        var regression = RDatasetsExport.Convert(new HeldOutDataset("ages", "toy/Ages", TaskKind.Regression, "Age"), Loans, "a test");
        Assert.StartsWith("\"Status\",\"Home\",\"Income\",\"Score\",\"Marker\",\"Age\"\n\"bad\",\"rent\",100,,\"Train\",30\n", regression.Csv);
        Assert.DoesNotContain("Class balance", regression.Readme);
        Assert.Contains("regression task, target **`Age`**", regression.Readme);

        var multiclass = RDatasetsExport.Convert(new HeldOutDataset("homes", "toy/Homes", TaskKind.MulticlassClassification, "Home"), Loans, "a test");
        Assert.Contains("Class balance: `other, shared` 1, `own` 2, `rent` 2.", multiclass.Readme); // the missing label is not a class
        Assert.EndsWith(",\"rent\"", multiclass.Csv.Split('\n')[1]);
    }

    [Fact]
    public void Convert_Errors_NameTheColumnRowOrClass()
    {
        var e = Assert.Throws<InvalidDataException>(() => RDatasetsExport.Convert(LoanSet with { Target = "Outcome" }, Loans, "a test"));
        Assert.StartsWith("toy/Loans: no target column 'Outcome' in the header (rownames, Status, Age", e.Message);
        e = Assert.Throws<InvalidDataException>(() => RDatasetsExport.Convert(LoanSet with { Dropped = ["Id"] }, Loans, "a test"));
        Assert.Equal("toy/Loans: the column 'Id' to drop is not in the header.", e.Message);
        e = Assert.Throws<InvalidDataException>(() => RDatasetsExport.Convert(LoanSet, [.. Loans, "7,good,1,own"], "a test"));
        Assert.Equal("toy/Loans: row 7 has 4 fields, the header 7 (a quoted line break is not supported).", e.Message);
        e = Assert.Throws<InvalidDataException>(() => RDatasetsExport.Convert(LoanSet with { Positive = "Bad" }, Loans, "a test"));
        Assert.Equal("toy/Loans: the positive class 'Bad' never occurs in 'Status'.", e.Message);
        e = Assert.Throws<InvalidDataException>(() => RDatasetsExport.Convert(new HeldOutDataset("x", "toy/X", TaskKind.Regression, "Home"), Loans, "a test"));
        Assert.Equal("toy/X: the regression target 'Home' has a value that is not a number.", e.Message);
        e = Assert.Throws<InvalidDataException>(() => RDatasetsExport.Convert(LoanSet, [], "a test"));
        Assert.Equal("toy/Loans: the file is empty (no header line).", e.Message);
    }

    [Fact]
    public void HeldOutDatasets_AreDistinct_BinaryOnesNameAPositiveClass_NoneIsASharedSet()
    {
        var all = HeldOutDatasets.All;
        Assert.Equal(33, all.Count);
        Assert.Equal(all.Count, all.Select(s => s.Folder).Distinct().Count());
        Assert.Equal(all.Count, all.Select(s => s.Source).Distinct().Count());
        Assert.All(all, s => Assert.Equal(s.Task == TaskKind.BinaryClassification, s.Positive is not null));
        Assert.DoesNotContain(all, s => SuiteDatasets.All.Any(d => d.Name == s.Folder));
    }

    [Fact]
    public void Command_WritesTheSetsItFinds_AndSaysWhichItSkips()
    {
        string source = Path.Combine(_temporary.Path, "Rdatasets"), output = Path.Combine(_temporary.Path, "out");
        Assert.Equal(1, HeldOutProgram.Run(["heldout", "--rdatasets", source, "--out", output])); // no csv/ folder
        Directory.CreateDirectory(Path.Combine(source, "csv", "MASS"));
        File.WriteAllLines(Path.Combine(source, "csv", "MASS", "fgl.csv"),
            ["rownames,RI,Na,type", "1,1.52,13.6,WinF", "2,1.51,NA,Head", "3,1.52,13.9,WinF"]);
        var error = new StringWriter();
        var stderr = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(0, HeldOutProgram.Run(["heldout", "--rdatasets", source, "--out", output]));
        }
        finally
        {
            Console.SetError(stderr);
        }
        Assert.Equal(["\"RI\",\"Na\",\"type\"", "1.52,13.6,\"WinF\"", "1.51,,\"Head\"", "1.52,13.9,\"WinF\""],
            File.ReadAllLines(Path.Combine(output, "fgl", "fgl.csv")));
        Assert.Contains("`MASS::fgl` exported to CSV — multiclass task, target **`type`**", File.ReadAllText(Path.Combine(output, "fgl", "README.md")));
        Assert.Contains($"attrition: skipped, {Path.Combine(source, "csv", "modeldata", "attrition.csv")} not found.", error.ToString());
        Assert.Contains("Wrote 1 of 33 data sets", error.ToString());
        Assert.Equal(["fgl"], Directory.GetDirectories(output).Select(Path.GetFileName));

        // A copy whose file no longer has the target: that set is named with the reason, the others still written.
        Directory.CreateDirectory(Path.Combine(source, "csv", "ISLR"));
        File.WriteAllLines(Path.Combine(source, "csv", "ISLR", "OJ.csv"), ["rownames,Buy,Price", "1,CH,1.5", "2,MM,2.0"]);
        error.GetStringBuilder().Clear();
        Console.SetError(error);
        try
        {
            Assert.Equal(1, HeldOutProgram.Run(["heldout", "--rdatasets", source, "--out", output]));
        }
        finally
        {
            Console.SetError(stderr);
        }
        Assert.Contains("oj: not written, ISLR/OJ: no target column 'Purchase' in the header (rownames, Buy, Price).", error.ToString());
        Assert.Contains("Wrote 1 of 33 data sets", error.ToString());
        Assert.Contains("; 1 could not be converted (above).", error.ToString());
    }
}
