using Microsoft.ML.Dropout.Metrics;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Reports.Tests;

public class TrainingReportTests
{
    [Fact]
    public void Write_HistoryAndCalibrationBeforeAfter_WritesEveryChartAndBothColumns()
    {
        var random = new Random(1);
        int n = 5000;
        var labels = new bool[n];
        var before = new float[n];
        var after = new float[n];
        for (int i = 0; i < n; i++)
        {
            double p = random.NextDouble();
            labels[i] = random.NextDouble() < p;
            after[i] = (float)p;
            before[i] = (float)(1 / (1 + Math.Exp(-2 * Math.Log(p / (1 - p)))));
        }
        var history = Enumerable.Range(1, 6).Select(e => new EpochMetrics(e, 1.0 / e, 0.8, 0.7, 0.69, 1e-3, new[] { 0.1 * e / 2 }, 0.2)).ToList();
        string dir = Path.Combine(Path.GetTempPath(), "training-report-" + Guid.NewGuid().ToString("N"));

        string html = File.ReadAllText(TrainingReport.Write(dir, "One call", history, bestEpoch: 4, "accuracy",
            Calibration.Binary(before, labels), Calibration.Binary(after, labels)));

        Assert.Contains("before temperature", html);
        Assert.Contains("after temperature", html);
        foreach (string png in new[] { "reliability.png", "reliability-positive.png", "confidence-histogram.png", "learning-loss.png", "learning-metric.png", "schedules.png" })
            Assert.True(new FileInfo(Path.Combine(dir, png)).Length > 5000, png);
        Directory.Delete(dir, recursive: true);
    }
}
