using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Tests.Streaming;

/// <summary>
/// Streamed Fit end to end with a 1 MiB budget: it scores like the in-memory Fit (also on a table sorted by label),
/// and bad input or a failing source ends Fit with an error naming the row or the source, leaving no cache behind.
/// </summary>
[Collection("Sequential")]
public sealed class StreamingFitTests : IDisposable
{
    private const long TinyBudget = 1 << 20;
    private readonly MLContext _ml = new(0);
    private readonly string _cacheRoot = Directory.CreateTempSubdirectory("streaming-fit-tests-").FullName;

    public void Dispose() => Directory.Delete(_cacheRoot, recursive: true);

    private RegularizedMlpBinaryTrainer.Options Options(StreamingMode mode, long budget = TinyBudget) => new()
    {
        HiddenLayers = new[] { 32, 32 },
        MaxEpochs = 8,
        BatchSize = 256,
        MemoryBudgetBytes = budget,
        Streaming = mode,
        StreamingCacheDirectory = _cacheRoot,
    };

    private (double Accuracy, RegularizedMlpPredictionTransformer Model) FitAndScore(List<StreamingRows.Row> train, RegularizedMlpBinaryTrainer.Options options)
    {
        var model = new RegularizedMlpBinaryTrainer(options).Fit(_ml.Data.LoadFromEnumerable(train));
        var test = _ml.Data.LoadFromEnumerable(StreamingRows.Binary(10_000, seed: 99));
        return (_ml.BinaryClassification.Evaluate(model.Transform(test)).Accuracy, model);
    }

    private void AssertNoCacheLeft() => Assert.Empty(Directory.GetFileSystemEntries(_cacheRoot));

    [Fact]
    public void Fit_DataAboveTinyBudget_StreamsAndScoresWithinHalfAPointOfInMemory()
    {
        var train = StreamingRows.Binary(30_000, seed: 1); // 1.3 MB as Single: above a third of 1 MiB
        var (inMemory, memoryModel) = FitAndScore(train, Options(StreamingMode.Never, budget: 1L << 30));
        var (streamed, streamedModel) = FitAndScore(train, Options(StreamingMode.Auto));

        Assert.DoesNotContain(memoryModel.Model.Warnings, w => w.StartsWith("Trained by streaming"));
        Assert.Contains(streamedModel.Model.Warnings, w => w.StartsWith("Trained by streaming"));
        Assert.True(inMemory > 0.9, $"in-memory accuracy {inMemory}");
        Assert.True(Math.Abs(streamed - inMemory) <= 0.005, $"streamed {streamed:F4} vs in memory {inMemory:F4}");
        AssertNoCacheLeft();
    }

    [Fact]
    public void Fit_TableSortedByLabel_StreamsAndScoresWithinHalfAPointOfInMemory()
    {
        var (inMemory, _) = FitAndScore(StreamingRows.Binary(30_000, seed: 1), Options(StreamingMode.Never, budget: 1L << 30));
        var (sorted, _) = FitAndScore(StreamingRows.Binary(30_000, seed: 1, sortedByLabel: true), Options(StreamingMode.Always));
        Assert.True(Math.Abs(sorted - inMemory) <= 0.005, $"streamed from a label-sorted table {sorted:F4} vs in memory {inMemory:F4}");
        AssertNoCacheLeft();
    }

    [Fact]
    public void Fit_SourceThrowsMidPass_ErrorNamesTheSourceAndRow_NoCacheLeft()
    {
        var source = new FaultingDataView(_ml.Data.LoadFromEnumerable(StreamingRows.Binary(5_000, seed: 2)), 3_000,
            () => throw new IOException("connection reset by peer"));
        var error = Assert.Throws<InvalidOperationException>(() => new RegularizedMlpBinaryTrainer(Options(StreamingMode.Always)).Fit(source));
        Assert.Equal("Reading the training data failed at row 3000: the IDataView (FaultingDataView) threw IOException: connection reset by peer " +
            "Nothing was trained. Check the source (file, database connection, query) and Fit again.", error.Message);
        AssertNoCacheLeft();
    }

    [Theory]
    [InlineData(float.PositiveInfinity, FeaturePreprocessing.RobustClip)]
    [InlineData(float.NaN, FeaturePreprocessing.None)]
    public void Fit_BadFeatureAtRowN_ErrorNamesTheRow_NoCacheLeft(float bad, FeaturePreprocessing preprocessing)
    {
        var rows = StreamingRows.Binary(20_000, seed: 3);
        rows[15_000].Features[4] = bad;
        var options = Options(StreamingMode.Auto);
        options.Preprocessing = preprocessing;
        var error = Assert.Throws<ArgumentException>(() => new RegularizedMlpBinaryTrainer(options).Fit(_ml.Data.LoadFromEnumerable(rows)));
        Assert.StartsWith($"Feature column 'Features' contains 1 NaN or infinite value(s) this model's preprocessing cannot take; the first is {(float.IsNaN(bad) ? "NaN" : "Infinity")} at row 15000, slot 4.", error.Message);
        AssertNoCacheLeft();
    }

    [Fact]
    public void Fit_CancelledWhileReading_ThrowsOperationCanceled_NoCacheLeft()
    {
        using var cts = new CancellationTokenSource();
        var source = new FaultingDataView(_ml.Data.LoadFromEnumerable(StreamingRows.Binary(20_000, seed: 4)), 10_000, cts.Cancel);
        var options = Options(StreamingMode.Always);
        options.CancellationToken = cts.Token;
        Assert.ThrowsAny<OperationCanceledException>(() => new RegularizedMlpBinaryTrainer(options).Fit(source));
        AssertNoCacheLeft();
    }
}
