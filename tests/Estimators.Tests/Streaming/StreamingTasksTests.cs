using Microsoft.ML;

namespace Microsoft.ML.Dropout.Estimators.Tests.Streaming;

/// <summary>
/// Streaming for every task and with a validation set: multiclass (keys, exact class counts) and regression
/// (label standardization from the sample) score like in memory; a ValidationSet replaces the hash hold-out.
/// </summary>
[Collection("Sequential")]
public sealed class StreamingTasksTests : IDisposable
{
    private readonly MLContext _ml = new(0);
    private readonly string _cacheRoot = Directory.CreateTempSubdirectory("streaming-tasks-tests-").FullName;

    public void Dispose() => Directory.Delete(_cacheRoot, recursive: true);

    private T Stream<T>(T options, StreamingMode mode) where T : IRegularizedMlpDataOptions
    {
        options.Streaming = mode;
        options.MemoryBudgetBytes = 1 << 20;
        options.StreamingCacheDirectory = _cacheRoot;
        return options;
    }

    private IDataView Featurized(IDataView data, bool mapLabelToKey = false)
    {
        var featurizer = mapLabelToKey
            ? _ml.Transforms.Conversion.MapValueToKey("Label").Append(SyntheticData.Featurize(_ml))
            : SyntheticData.Featurize(_ml);
        return featurizer.Fit(data).Transform(data);
    }

    [Fact]
    public void Fit_MulticlassStreamed_ScoresLikeInMemory()
    {
        var train = Featurized(TestModels.MulticlassData(_ml, 3_000, seed: 1), mapLabelToKey: true);
        var test = Featurized(TestModels.MulticlassData(_ml, 2_000, seed: 2), mapLabelToKey: true);
        double Accuracy(StreamingMode mode) => _ml.MulticlassClassification.Evaluate(
            new RegularizedMlpMulticlassTrainer(Stream(TestModels.MulticlassOptions(), mode)).Fit(train).Transform(test)).MicroAccuracy;

        double inMemory = Accuracy(StreamingMode.Never), streamed = Accuracy(StreamingMode.Always);
        Assert.True(Math.Abs(streamed - inMemory) <= 0.03, $"streamed {streamed:F4} vs in memory {inMemory:F4}");
        Assert.Empty(Directory.GetFileSystemEntries(_cacheRoot));
    }

    [Fact]
    public void Fit_RegressionStreamed_ScoresLikeInMemory()
    {
        var train = Featurized(TestModels.RegressionData(_ml, 3_000, seed: 1));
        var test = Featurized(TestModels.RegressionData(_ml, 2_000, seed: 2));
        double RSquared(StreamingMode mode) => _ml.Regression.Evaluate(
            new RegularizedMlpRegressionTrainer(Stream(TestModels.RegressionOptions(), mode)).Fit(train).Transform(test)).RSquared;

        double inMemory = RSquared(StreamingMode.Never), streamed = RSquared(StreamingMode.Always);
        Assert.True(inMemory > 0.8, $"in memory R² {inMemory:F4}");
        Assert.True(Math.Abs(streamed - inMemory) <= 0.03, $"streamed R² {streamed:F4} vs in memory {inMemory:F4}");
    }

    [Fact]
    public void Fit_StreamedWithValidationSet_TrainsOnEveryRowAndValidatesOnTheSet()
    {
        var train = TestModels.FeaturizedBinary(_ml, 2_000, seed: 3);
        var validation = TestModels.FeaturizedBinary(_ml, 300, seed: 4);
        var model = new RegularizedMlpBinaryTrainer(Stream(TestModels.BinaryOptions(), StreamingMode.Always)).Fit(train, validation).Model;
        Assert.Equal((2_000, 300), (model.Settings!.TrainingRows, model.Settings.ValidationRows));
        Assert.All(model.History, epoch => Assert.NotNull(epoch.ValidLoss));
    }
}
