using MLNetRegularization.Bench.Quality.Suite;

namespace MLNetRegularization.Bench.Quality.Tests;

/// <summary>The suite's command line: our trainer's seed, and which datasets a run takes (listed, found by README, asked for).</summary>
public sealed class SuiteArgumentsTests : IDisposable
{
    private readonly TemporaryFolder _temporary = new("suite-arguments-");

    private string Root => _temporary.Path;

    public void Dispose() => _temporary.Dispose();

    [Theory]
    [InlineData(new[] { "suite" }, 0)]
    [InlineData(new[] { "suite", "--our-seed", "0" }, 0)]
    [InlineData(new[] { "suite", "--our-seed", "3" }, 3)]
    public void OurSeed_DefaultsToTheTrainerSeed(string[] args, int seed) => Assert.Equal(seed, SuiteArguments.Parse(args).OurSeed);

    [Fact]
    public void OurSeed_Negative_SaysWhatItNeeds() =>
        Assert.Equal("--our-seed needs an integer ≥ 0; got '-1'.",
            Assert.Throws<ArgumentException>(() => SuiteArguments.Parse(new[] { "suite", "--our-seed", "-1" })).Message);

    private void WriteFoundFolder()
    {
        string loans = Path.Combine(Root, "loans");
        Directory.CreateDirectory(loans);
        File.WriteAllText(Path.Combine(loans, "README.md"),
            "# Loans\n\n`toy::loans` exported to CSV — regression task, target **`y`**, 2 rows.\n\n| loans.csv | 1 | 0 | 2 + header | 2 |\n");
        Directory.CreateDirectory(Path.Combine(Root, "stray"));
    }

    [Fact]
    public void SelectDatasets_SuiteAddsFoundFolders_TuneKeepsTheListedSets()
    {
        WriteFoundFolder();
        var suite = SuiteArguments.Parse(new[] { "suite" }).SelectDatasets(Root, out var notes);
        var tune = SuiteArguments.Parse(new[] { "tune" }).SelectDatasets(Root, out var tuneNotes);

        Assert.Equal(SuiteDatasets.Scored.Select(d => d.Name).Append("loans"), suite.Select(d => d.Name));
        Assert.Equal(new[] { "stray: no README.md" }, notes);
        Assert.Equal(SuiteDatasets.Scored.Select(d => d.Name), tune.Select(d => d.Name));
        Assert.Empty(tuneNotes);
    }

    [Fact]
    public void SelectDatasets_Named_FoundFolderOrError()
    {
        WriteFoundFolder();
        Assert.Equal(new[] { "iris", "loans" },
            SuiteArguments.Parse(new[] { "suite", "--datasets", "loans,iris" }).SelectDatasets(Root, out _).Select(d => d.Name));
        var error = Assert.Throws<ArgumentException>(() => SuiteArguments.Parse(new[] { "tune", "--datasets", "loans" }).SelectDatasets(Root, out _));
        Assert.StartsWith("Unknown dataset(s) loans; the tune command knows adult, ", error.Message);
    }
}
