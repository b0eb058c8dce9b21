using Microsoft.ML.Dropout.Snapshots.Tabular;
using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Tests.Training;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Tabular;

/// <summary>
/// The trainer uses <c>MaxEmbeddedColumns</c>: with more embeddable columns than it allows, the default embedding is
/// skipped (no embedding layer in the model, a warning naming the counts and the fix); at the limit it embeds. Left
/// null, the rule decides from the training rows (128 columns; up to 1,024 on wide data with few rows), and the refit
/// on all rows keeps the first run's decision.
/// </summary>
[Collection("Sequential")]
public class MaxEmbeddedColumnsTests
{
    [Theory]
    [InlineData(7, false)]
    [InlineData(8, true)]
    public void Fit_EightEmbeddableColumns_EmbedsOnlyWithinTheLimit(int maxEmbeddedColumns, bool embedded)
    {
        var data = SyntheticData.FourClass(300, 8, 4, seed: 7); // Gaussian columns: all eight have ≥ 3 distinct values
        var options = new MlpTrainerOptions { MaxEmbeddedColumns = maxEmbeddedColumns, MaxEpochs = 1, HiddenLayers = new[] { 8 }, NumberOfThreads = 1 };
        var result = new MlpTrainer(options, TrainingTask.Multiclass(4)).Fit(data);
        Assert.Equal(embedded, result.Model.Layers.OfType<PiecewiseLinearEmbeddingLayer>().Any());
        var warning = result.Warnings.Where(w => w.StartsWith("NumericEmbedding = PiecewiseLinear was not applied", StringComparison.Ordinal)).ToArray();
        if (embedded)
            Assert.Empty(warning);
        else
            Assert.Equal("NumericEmbedding = PiecewiseLinear was not applied: 8 columns have three or more distinct values, more than MaxEmbeddedColumns = 7. " +
                "They reach the first layer unembedded; raise MaxEmbeddedColumns to embed them (training and scoring then cost about EmbeddingDimension = 16 times as much in the first layer).",
                Assert.Single(warning));
    }

    [Theory]
    [InlineData(1, 1_024)]
    [InlineData(2_048, 1_024)]
    [InlineData(2_049, 1_023)]
    [InlineData(4_096, 512)]
    [InlineData(8_192, 256)]
    [InlineData(16_384, 128)]
    [InlineData(54_000, 128)]
    public void MaxColumns_IsTheCellBudgetOverTheRowsWithin128To1024(int rows, int expected) =>
        Assert.Equal(expected, EmbeddedColumnsRule.MaxColumns(rows));

    private static bool Embedded(TrainingResult result) => result.Model.Layers.OfType<PiecewiseLinearEmbeddingLayer>().Any();

    [Fact]
    public void Fit_WideDataFewRows_TheRuleEmbedsMoreThan128Columns()
    {
        var data = SyntheticData.Regression(300, 200, seed: 3); // 270 training rows: the rule allows 1,024 columns
        var byRule = new MlpTrainer(new MlpRegressionOptions { MaxEpochs = 1, HiddenLayers = new[] { 8 }, NumberOfThreads = 1, RefitOnAllRows = false },
            TrainingTask.Regression).Fit(data);
        Assert.True(Embedded(byRule));
        Assert.Equal(1_024, byRule.Settings!.MaxEmbeddedColumns);
        Assert.DoesNotContain(byRule.Warnings, w => w.StartsWith("NumericEmbedding", StringComparison.Ordinal));

        var capped = new MlpTrainer(new MlpRegressionOptions { MaxEmbeddedColumns = 128, MaxEpochs = 1, HiddenLayers = new[] { 8 }, NumberOfThreads = 1, RefitOnAllRows = false },
            TrainingTask.Regression).Fit(data);
        Assert.False(Embedded(capped));
    }

    [Fact]
    public void Fit_WideDataManyRows_TheRuleSkipsTheEmbeddingAndSaysWhy()
    {
        var data = SyntheticData.Regression(12_000, 200, seed: 3); // 10,800 training rows: 2²¹ / 10,800 = 194 < 200 columns
        var result = new MlpTrainer(new MlpRegressionOptions { MaxEpochs = 1, HiddenLayers = new[] { 8 }, NumberOfThreads = 1, RefitOnAllRows = false },
            TrainingTask.Regression).Fit(data);
        Assert.False(Embedded(result));
        Assert.Contains("NumericEmbedding = PiecewiseLinear was not applied: 200 columns have three or more distinct values, more than MaxEmbeddedColumns = 194 " +
            "(by rule for 10800 training rows: 128, up to 1,024 while columns × rows ≤ 2,097,152).", Assert.Single(result.Warnings, w => w.StartsWith("NumericEmbedding", StringComparison.Ordinal)));
    }

    [Fact]
    public void Fit_Refit_KeepsTheFirstRunsRuleValue()
    {
        // 11,000 rows: the first run trains on 9,900 (rule: 211 ≥ 200 columns, embedded); all 11,000 would give 190.
        var data = SyntheticData.Regression(11_000, 200, seed: 3);
        var result = new MlpTrainer(new MlpRegressionOptions { MaxEpochs = 1, HiddenLayers = new[] { 8 }, NumberOfThreads = 1 },
            TrainingTask.Regression).Fit(data);
        Assert.Equal(1, result.RefitEpochs);
        Assert.Equal(211, result.Settings!.MaxEmbeddedColumns);
        Assert.True(Embedded(result)); // the refit's model
        Assert.DoesNotContain(result.Warnings, w => w.StartsWith("NumericEmbedding", StringComparison.Ordinal));
    }

    /// <summary>A stream of <paramref name="rows"/> rows (the sample's, repeated) whose sample is much smaller.</summary>
    private sealed class RepeatedStream(TrainingData sample, int rows) : IStreamedTrainingData
    {
        public int FeatureCount => sample.FeatureCount;
        public int RowCount => rows;
        public TrainingData Sample => sample;

        public IEnumerable<TrainingRowBlock> ReadPass(int pass, CancellationToken cancellationToken)
        {
            for (int start = 0; start < rows; start += sample.RowCount)
            {
                var block = sample.Subset(Enumerable.Range(0, Math.Min(sample.RowCount, rows - start)).ToArray());
                yield return new TrainingRowBlock(block.Features, block.Labels, block.Weights, block.RowCount);
            }
        }
    }

    [Fact]
    public void Fit_Streamed_TheRuleUsesTheStreamsRowsNotItsSample()
    {
        // 300 sample rows would allow 1,024 columns; the stream's 20,000 rows allow 128, fewer than the 200 columns.
        var stream = new RepeatedStream(SyntheticData.Regression(300, 200, seed: 3), 20_000);
        var result = new MlpTrainer(new MlpRegressionOptions { MaxEpochs = 1, HiddenLayers = new[] { 8 }, NumberOfThreads = 1 },
            TrainingTask.Regression).Fit(stream);
        Assert.Equal(128, result.Settings!.MaxEmbeddedColumns);
        Assert.False(Embedded(result));
    }
}
