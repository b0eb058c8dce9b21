using Microsoft.ML.Dropout.Metrics;

namespace Microsoft.ML.Dropout.Reports.Tests;

public class ResultChartsTests
{
    // scikit-learn's documented example: roc_auc_score = 0.75, average_precision_score = 0.8333.
    private static readonly BinaryPredictions Documented = new(new[] { false, false, true, true }, new[] { 0.1, 0.4, 0.35, 0.8 }, "yes", "no");

    [Fact]
    public void Roc_DocumentedExample_GivesAuc075()
    {
        var (fpr, tpr, auc) = ClassifierCurves.Roc(Documented);
        Assert.Equal(0.75, auc, 12);
        Assert.Equal((0.0, 0.0), (fpr[0], tpr[0]));
        Assert.Equal((1.0, 1.0), (fpr[^1], tpr[^1]));
    }

    [Fact]
    public void PrecisionRecall_DocumentedExample_GivesAveragePrecision08333()
    {
        var (recall, _, ap) = ClassifierCurves.PrecisionRecall(Documented);
        Assert.Equal(5.0 / 6.0, ap, 12);
        Assert.Equal(1.0, recall[^1]);
    }

    [Fact]
    public void Roc_AllScoresTied_IsTheDiagonal()
    {
        var tied = new BinaryPredictions(new[] { true, false, true, false, false }, new[] { 0.5, 0.5, 0.5, 0.5, 0.5 });
        var (fpr, tpr, auc) = ClassifierCurves.Roc(tied);
        Assert.Equal(0.5, auc, 12);
        Assert.Equal(new[] { 0.0, 1.0 }, fpr);
        Assert.Equal(new[] { 0.0, 1.0 }, tpr);
    }

    [Fact]
    public void PerClassTable_KnownCounts_GivesPrecisionRecallF1AndSupport()
    {
        // actual a,a,a,b,b,c ; predicted a,a,b,b,c,c
        var data = new ClassPredictions(new[] { 0, 0, 0, 1, 1, 2 }, new[] { 0, 0, 1, 1, 2, 2 }, new[] { "a", "b", "c" });
        var table = PerClassTable.Create(data);
        Assert.Equal(new[] { "a", "1.0000", "0.6667", "0.8000", "3" }, table.Rows[0]);
        Assert.Equal(new[] { "b", "0.5000", "0.5000", "0.5000", "2" }, table.Rows[1]);
        Assert.Equal(new[] { "c", "0.5000", "1.0000", "0.6667", "1" }, table.Rows[2]);
        Assert.Equal("macro average", table.Rows[3][0]);
        Assert.Contains("accuracy 0.6667", table.Caption);
    }

    [Fact]
    public void Schedules_TwoSitesWithEqualRates_DrawOneDropoutLine()
    {
        var history = Enumerable.Range(1, 5).Select(e => new Training.EpochMetrics(e, 1, 1, 0.5, 0.5, 1e-3, new[] { 0.05 * e, 0.05 * e }, 0.1)).ToList();
        var plot = LearningCurveCharts.Schedules(history).Plot;
        var lines = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal(2, lines.Count); // learning rate + one dropout line for both sites
        Assert.Contains(lines, l => l.LegendText == "dropout rate, sites 0, 1 (equal)");
    }

    [Fact]
    public void Schedules_DropoutRateZero_AxisStartsAtZeroNotMinusOne()
    {
        var history = Enumerable.Range(1, 5).Select(e => new Training.EpochMetrics(e, 1, 1, 0.5, 0.5, 1e-3, new[] { 0.0 }, 0.1)).ToList();
        var figure = LearningCurveCharts.Schedules(history);
        figure.Plot.GetImageBytes(figure.Width, figure.Height, ScottPlot.ImageFormat.Png); // limits as rendered
        var right = figure.Plot.Axes.Right.Range;
        Assert.InRange(right.Min, -0.05, 0);
        Assert.InRange(right.Max, 0.05, 1);
        var left = figure.Plot.Axes.Left.Range;
        Assert.InRange(left.Min, -1e-4, 0);
        Assert.InRange(left.Max, 1e-3, 2e-3);
        Assert.Contains("no dropout", figure.Caption);
    }

    [Fact]
    public void LearningCurves_TwoRunsInOneReport_HaveDistinctTitles()
    {
        var history = Enumerable.Range(1, 3).Select(e => new Training.EpochMetrics(e, 1, 1, 0.5, 0.5, 1e-3, new[] { 0.1 }, 0.1)).ToList();
        string[] titles = new[] { "regularized-", "unregularized-" }
            .SelectMany(p => new[] { LearningCurveCharts.Loss(history, 2, p), LearningCurveCharts.Metric(history, 2, "accuracy", p), LearningCurveCharts.Schedules(history, p) })
            .Select(f => f.Plot.Axes.Title.Label.Text).ToArray();
        Assert.Equal(titles.Length, titles.Distinct().Count());
        Assert.Contains("Loss per epoch: unregularized", titles);
    }

    [Fact]
    public void Write_PredictionsOfEveryTask_WritesEachChartAndNamesThePositiveClass()
    {
        var random = new Random(3);
        int n = 400;
        var labels = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.4).ToArray();
        var probabilities = labels.Select(l => Math.Clamp((l ? 0.65 : 0.35) + (random.NextDouble() - 0.5) * 0.6, 0, 1)).ToArray();
        var binary = new BinaryPredictions(labels, probabilities, "churned = yes", "churned = no");
        var classes = new ClassPredictions(Enumerable.Range(0, n).Select(i => i % 3).ToArray(), Enumerable.Range(0, n).Select(i => i % 5 == 0 ? (i + 1) % 3 : i % 3).ToArray(), new[] { "x", "y", "z" });
        double[] actual = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 10).ToArray();
        var regression = new RegressionPredictions(actual, actual.Select(a => a + random.NextDouble() - 0.5).ToArray(), "price");
        var importance = new FeatureImportance(new[] { "f1", "f2", "f3" }, new[] { 0.1, 0.02, -0.001 }, new[] { 0.01, 0.005, 0.002 }, "AUC");
        var calibration = Calibration.Binary(probabilities.Select(p => (float)p).ToArray(), labels);
        var history = Enumerable.Range(1, 4).Select(e => new Training.EpochMetrics(e, 1.0 / e, 0.8, 0.7, 0.69, 1e-3, new[] { 0.1, 0.1 }, 0.2)).ToList();
        string dir = Path.Combine(Path.GetTempPath(), "result-charts-" + Guid.NewGuid().ToString("N"));
        try
        {
            string html = File.ReadAllText(TrainingReport.Write(dir, "All charts", history, 3, "accuracy", calibration,
                binary: binary, multiclass: classes, regression: regression, importance: importance));

            foreach (string png in new[] { "roc.png", "precision-recall.png", "confusion-matrix.png", "predicted-vs-actual.png", "residuals.png", "feature-importance.png", "reliability-positive.png" })
                Assert.True(new FileInfo(Path.Combine(dir, png)).Length > 5000, png);
            Assert.Contains("positive class &#39;churned = yes&#39;", html);
            Assert.Contains("Per-class metrics", html);
            Assert.DoesNotContain("<caption>Calibration (", html); // the heading says it; no duplicate title
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Write_NoTables_HasNoEmptyResultsHeading()
    {
        var history = Enumerable.Range(1, 3).Select(e => new Training.EpochMetrics(e, 1, 1, 0.5, 0.5, 1e-3, new[] { 0.1 }, 0.1)).ToList();
        string dir = Path.Combine(Path.GetTempPath(), "result-charts-" + Guid.NewGuid().ToString("N"));
        try
        {
            string html = File.ReadAllText(TrainingReport.Write(dir, "Curves only", history, 2, "accuracy"));
            Assert.DoesNotContain("<h2>Results</h2>", html);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
