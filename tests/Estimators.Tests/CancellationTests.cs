using Microsoft.ML;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>
/// The options' CancellationToken stops an ML.NET Fit within one minibatch (cancelled from a callback or from
/// another thread) and before any training when it is cancelled already; Fit then throws OperationCanceledException.
/// Batches are counted, no clock is read.
/// </summary>
[Collection("Sequential")]
public sealed class CancellationTests
{
    /// <summary>Counts the batches and the training starts it sees, and runs an action after each batch.</summary>
    private sealed class BatchCounter : ITrainingCallback
    {
        public int Batches { get; private set; }
        public int TrainBegins { get; private set; }
        public Action<int>? AfterBatch { get; init; }
        public void OnTrainBegin(TrainingContext context) => TrainBegins++;
        public void OnBatchEnd(TrainingContext context) => AfterBatch?.Invoke(++Batches);
    }

    private static IEstimator<ITransformer> Pipeline(MLContext ml, ITrainingCallback callback, CancellationToken token)
    {
        var options = TestModels.BinaryOptions();
        options.MaxEpochs = 50;
        options.CancellationToken = token;
        options.Callbacks.Add(callback);
        return SyntheticData.Featurize(ml).Append(ml.BinaryClassification.Trainers.RegularizedMlp(options));
    }

    [Fact]
    public void Fit_TokenCancelledFromCallback_ThrowsWithinOneBatch()
    {
        var ml = new MLContext(0);
        using var cts = new CancellationTokenSource();
        var counter = new BatchCounter { AfterBatch = n => { if (n == 15) cts.Cancel(); } };
        var pipeline = Pipeline(ml, counter, cts.Token);

        Assert.ThrowsAny<OperationCanceledException>(() => pipeline.Fit(TestModels.BinaryData(ml)));
        Assert.Equal(15, counter.Batches);
    }

    [Fact]
    public void Fit_TokenCancelledFromAnotherThread_ThrowsWithinOneBatch()
    {
        var ml = new MLContext(0);
        using var cts = new CancellationTokenSource();
        using var cancelled = new ManualResetEventSlim();
        var canceller = new Thread(() => { cts.Cancel(); cancelled.Set(); });
        // After batch 7 the training thread starts a thread that cancels, and waits until it has.
        var counter = new BatchCounter { AfterBatch = n => { if (n == 7) { canceller.Start(); cancelled.Wait(); } } };
        var pipeline = Pipeline(ml, counter, cts.Token);

        Assert.ThrowsAny<OperationCanceledException>(() => pipeline.Fit(TestModels.BinaryData(ml)));
        Assert.Equal(7, counter.Batches);
    }

    [Fact]
    public void Fit_TokenCancelledBeforeFit_ThrowsWithoutTraining()
    {
        var ml = new MLContext(0);
        var counter = new BatchCounter();
        var pipeline = Pipeline(ml, counter, new CancellationToken(canceled: true));

        var ex = Assert.ThrowsAny<OperationCanceledException>(() => pipeline.Fit(TestModels.BinaryData(ml)));
        Assert.True(ex.CancellationToken.IsCancellationRequested);
        Assert.Equal((0, 0), (counter.TrainBegins, counter.Batches));
    }
}
