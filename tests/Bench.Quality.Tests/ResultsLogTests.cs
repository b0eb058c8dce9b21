using MLNetRegularization.Bench.Quality.Suite;

namespace MLNetRegularization.Bench.Quality.Tests;

public sealed class ResultsLogTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "results-" + Guid.NewGuid().ToString("N") + ".md");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Append_Twice_WritesTheHeadingOnceAndDoesNotRepeatAnIdenticalRow()
    {
        File.WriteAllText(_path, "# Earlier results\n");
        var candidate = OptionsCandidates.Find(OptionsCandidates.Defaults)!;
        var score = new SuiteScore(candidate.Name, new Dictionary<string, double> { ["adult"] = -1.5, ["iris"] = 0.25 }, new[] { "hmda" });
        var datasets = SuiteDatasets.Scored.ToList();

        ResultsLog.Append(_path, datasets, new[] { (candidate, score) });
        ResultsLog.Append(_path, datasets, new[] { (candidate, score) });

        string text = File.ReadAllText(_path);
        Assert.StartsWith("# Earlier results\n", text);
        Assert.Single(text.Split('\n'), l => l == ResultsLog.Heading);
        var rows = text.Split('\n').Where(l => l.StartsWith("| defaults |", StringComparison.Ordinal)).ToList();
        Assert.Single(rows);
        Assert.Contains("| -0.63 | 2/14 | -1.50 |", rows[0]);
        Assert.Contains("| failed |", rows[0]);
        Assert.EndsWith("| +0.25 |", rows[0]);
    }

    [Fact]
    public void Append_WithSectionsAfterTheLog_InsertsTheRowAtTheEndOfTheLogsTable()
    {
        var candidate = OptionsCandidates.Find(OptionsCandidates.Defaults)!;
        var datasets = SuiteDatasets.Scored.ToList();
        ResultsLog.Append(_path, datasets, new[] { (candidate, new SuiteScore(candidate.Name, new Dictionary<string, double> { ["adult"] = -1.0 }, [])) });
        File.AppendAllText(_path, "| (note) | a note row of the log |\n\n## Calibration\n\n| dataset | ECE |\n|---|---:|\n| adult | 0.01 |\n");

        ResultsLog.Append(_path, datasets, new[] { (candidate, new SuiteScore(candidate.Name, new Dictionary<string, double> { ["adult"] = -2.0 }, [])) });

        var lines = File.ReadAllText(_path).Split('\n').ToList();
        int note = lines.IndexOf("| (note) | a note row of the log |");
        Assert.StartsWith("| defaults |", lines[note + 1]);
        Assert.Contains("| -2.00 |", lines[note + 1]);
        Assert.Equal("", lines[note + 2]);
        Assert.Equal("## Calibration", lines[note + 3]);
        Assert.Equal("| adult | 0.01 |", lines[^2]);
        Assert.Equal("", lines[^1]);
    }
}
