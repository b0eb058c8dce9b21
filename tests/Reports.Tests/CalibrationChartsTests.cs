using Microsoft.ML.Dropout.Metrics;

namespace Microsoft.ML.Dropout.Reports.Tests;

public class CalibrationChartsTests
{
    [Fact]
    public void ReliabilityDiagram_OverconfidentAndCalibrated_RendersBothCurvesAndHistogram()
    {
        var random = new Random(3);
        int n = 20000;
        var calibrated = new float[n];
        var overconfident = new float[n];
        var labels = new bool[n];
        for (int i = 0; i < n; i++)
        {
            double p = random.NextDouble();
            labels[i] = random.NextDouble() < p;
            calibrated[i] = (float)p;
            double logit = Math.Log(p / (1 - p)) * 3;
            overconfident[i] = (float)(1 / (1 + Math.Exp(-logit)));
        }
        var before = Calibration.Binary(overconfident, labels);
        var after = Calibration.Binary(calibrated, labels);
        Assert.True(before.PositiveClassEce > 0.1 && after.PositiveClassEce < 0.02);

        string dir = Path.Combine(Path.GetTempPath(), "calibration-charts-" + Guid.NewGuid().ToString("N"));
        string html = new HtmlReport("Calibration")
            .AddFigure(CalibrationCharts.ReliabilityDiagram(new[]
            {
                ("over-confident", before.PositiveClassReliabilityBins!, before.PositiveClassEce!.Value),
                ("calibrated", after.PositiveClassReliabilityBins!, after.PositiveClassEce!.Value),
            }, "predicted probability of class 1"))
            .AddFigure(CalibrationCharts.ConfidenceHistogram(before.ReliabilityBins))
            .Write(dir);

        Assert.Contains("over-confident: ECE 0.1", File.ReadAllText(html));
        Assert.True(new FileInfo(Path.Combine(dir, "reliability.png")).Length > 5000);
        Assert.True(new FileInfo(Path.Combine(dir, "confidence-histogram.png")).Length > 3000);
    }
}
