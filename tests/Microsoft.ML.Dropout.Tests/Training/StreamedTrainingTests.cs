using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>
/// Fit(IStreamedTrainingData): a stream that yields the rows in the very order the in-memory path shuffles them
/// must train the same weights bit for bit (same batches, targets, weights and standardization), so the streamed
/// feed is wired exactly like the in-memory one; a pass that ends early names the source.
/// </summary>
[Collection("Sequential")]
public class StreamedTrainingTests
{
    /// <summary>Replays the in-memory path's row order (a generator seeded with the options' seed, one shuffle per pass) in blocks of 7 rows.</summary>
    private sealed class ReplayStream(TrainingData data, int seed, int rowsPerPass = -1) : IStreamedTrainingData
    {
        private readonly long[] _order = Enumerable.Range(0, data.RowCount).Select(i => (long)i).ToArray();
        private readonly Random _shuffler = new(seed);

        public int FeatureCount => data.FeatureCount;
        public int RowCount => data.RowCount;
        public TrainingData Sample => data;
        public List<int> Passes { get; } = new();

        public IEnumerable<TrainingRowBlock> ReadPass(int pass, CancellationToken cancellationToken)
        {
            Passes.Add(pass);
            ValidationSplit.Shuffle(_order, _shuffler);
            int rows = rowsPerPass < 0 ? data.RowCount : rowsPerPass;
            for (int start = 0; start < rows; start += 7)
            {
                var block = data.Subset(_order.Skip(start).Take(Math.Min(7, rows - start)).Select(r => (int)r).ToArray());
                yield return new TrainingRowBlock(block.Features, block.Labels, block.Weights, block.RowCount);
            }
        }
    }

    [Theory]
    [InlineData(TaskKind.BinaryClassification)]
    [InlineData(TaskKind.MulticlassClassification)]
    [InlineData(TaskKind.Regression)]
    [InlineData(TaskKind.MulticlassClassification, 0.9)] // with the weight average
    public void Fit_StreamInTheInMemoryOrder_SameWeightsBitForBit(TaskKind task, double? weightAveragingDecay = null)
    {
        var all = Data(task);
        var (train, valid) = (all.Subset(Enumerable.Range(0, 500).ToArray()), all.Subset(Enumerable.Range(500, 100).ToArray()));
        var options = new MlpTrainerOptions { MaxEpochs = 4, BatchSize = 64, WeightAveragingDecay = weightAveragingDecay };
        var trainer = new MlpTrainer(options, TrainingTask.Of(task, 4));

        var inMemory = trainer.Fit(train, valid);
        var stream = new ReplayStream(train, options.Seed);
        var streamed = trainer.Fit(stream, valid);

        Assert.Equal(SeededWeightsHashTests.Hash(inMemory.Model), SeededWeightsHashTests.Hash(streamed.Model));
        Assert.Equal(new[] { 1, 2, 3, 4 }, stream.Passes);
        Assert.Equal(500, streamed.Settings!.TrainingRows);
    }

    [Fact]
    public void Fit_PassShorterThanRowCount_NamesTheSourceAndTheRows()
    {
        var data = Data(TaskKind.BinaryClassification);
        var trainer = new MlpTrainer(new MlpTrainerOptions { MaxEpochs = 2, BatchSize = 64 }, TrainingTask.Binary);
        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(new ReplayStream(data, 42, rowsPerPass: 100)));
        Assert.Contains("Pass 1 over the streamed training data (ReplayStream) ended after 100 rows, but it reported RowCount = 600", error.Message);
    }

    private static TrainingData Data(TaskKind task)
    {
        var four = SyntheticData.FourClass(600, 10, 5, seed: 21);
        return task switch
        {
            TaskKind.Regression => SyntheticData.Regression(600, 10, seed: 21),
            TaskKind.BinaryClassification => new TrainingData(four.Features, four.RowCount, four.FeatureCount, four.Labels.Select(v => v < 2 ? 0f : 1f).ToArray()),
            _ => four,
        };
    }
}
