using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Reports.Tests;

public class HtmlReportTests
{
    private static IReadOnlyList<EpochMetrics> History(int epochs) =>
        Enumerable.Range(1, epochs).Select(e => new EpochMetrics(
            e, 1.0 / e, 0.6 + 0.01 * (e - 5) * (e - 5) / 10, 0.6 + 0.04 * e, 0.7 + 0.01 * e,
            1e-3 * Math.Cos(e / 10.0), new[] { 0.0, Math.Min(0.3, 0.1 + 0.02 * e) }, 0.1)).ToList();

    [Fact]
    public void Write_LearningCurves_WritesHtmlWithEmbeddedPngsAndPngFiles()
    {
        string dir = Path.Combine(Path.GetTempPath(), "report-test-" + Guid.NewGuid().ToString("N"));
        var history = History(12);
        var report = new HtmlReport("Synthetic <run>")
            .AddHeading("Learning curves")
            .AddFigure(LearningCurveCharts.Loss(history, bestEpoch: 5))
            .AddFigure(LearningCurveCharts.Metric(history, bestEpoch: 5, "accuracy"))
            .AddFigure(LearningCurveCharts.Schedules(history))
            .AddTable(new ReportTable("Metrics", new[] { "metric", "value" }, new[] { new[] { "accuracy", "0.91" } }));

        string html = File.ReadAllText(report.Write(dir));

        Assert.Contains("Synthetic &lt;run&gt;", html);
        Assert.Equal(3, CountOf(html, "data:image/png;base64,"));
        foreach (string png in new[] { "learning-loss.png", "learning-metric.png", "schedules.png" })
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(dir, png));
            Assert.True(bytes.Length > 5000, $"{png} is only {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void AddTable_RowWithWrongCellCount_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new HtmlReport("r").AddTable(
            new ReportTable("t", new[] { "a", "b" }, new[] { new[] { "1" } })));
        Assert.StartsWith("Table 't' has 2 columns but a row has 1 cells.", ex.Message);
    }

    [Fact]
    public void AddFigure_DuplicateFileName_Throws()
    {
        var history = History(3);
        var report = new HtmlReport("r").AddFigure(LearningCurveCharts.Loss(history, 1));
        Assert.Throws<ArgumentException>(() => report.AddFigure(LearningCurveCharts.Loss(history, 1)));
    }

    private static int CountOf(string s, string what)
    {
        int n = 0;
        for (int i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
