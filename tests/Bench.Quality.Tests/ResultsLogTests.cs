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
}
