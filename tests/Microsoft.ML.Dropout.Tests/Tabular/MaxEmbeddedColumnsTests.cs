using Microsoft.ML.Dropout.Snapshots.Tabular;
using Microsoft.ML.Dropout.Tests.Training;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Tabular;

/// <summary>
/// The trainer uses <c>MaxEmbeddedColumns</c>: with more embeddable columns than it allows, the default embedding is
/// skipped (no embedding layer in the model, a warning naming the counts and the fix); at the limit it embeds.
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
}
