using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>libtorch's seed and generator are process-wide: Fits that overlap must still give the sequential result.</summary>
[Collection("Sequential")]
public class ConcurrentFitTests
{
    private static float[] AllWeights(MlpSnapshot snapshot) => TrainerTestOptions.DenseWeights(snapshot);

    [Fact]
    public async Task Fit_TwoSameSeedFitsAtOnce_EachEqualsTheSequentialFit()
    {
        var data = SyntheticData.FourClass(400, 16, 5, seed: 61);
        var options = new MlpTrainerOptions
        {
            HiddenLayers = new[] { 64, 32 },
            DropoutRate = 0.3, // masks draw from the generator every batch
            BatchSize = 32,
            MaxEpochs = 4,
            Seed = 7,
            NumberOfThreads = 1,
        };
        var sequential = AllWeights(new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(data).Model);

        using var start = new Barrier(2);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var trainer = new MlpTrainer(options, TrainerTestOptions.FourClasses);
            start.SignalAndWait();
            return AllWeights(trainer.Fit(data).Model);
        })));

        Assert.Equal(sequential, concurrent[0]);
        Assert.Equal(sequential, concurrent[1]);
    }

    [Fact]
    public void Fit_CancelledWhileAnotherFitHoldsTheLock_ThrowsWithoutWaitingForIt()
    {
        var data = SyntheticData.FourClass(100, 8, 4, seed: 62);
        var trainer = new MlpTrainer(TrainerTestOptions.Small(), TrainerTestOptions.FourClasses);
        using var cts = new CancellationTokenSource();
        Task<TrainingResult> waiting;
        // This thread plays the other Fit: it holds the lock (Monitor is per thread, so no await inside) until the waiting Fit has given up.
        Monitor.Enter(TorchGlobalStateLock.Gate);
        try
        {
            waiting = Task.Run(() => trainer.Fit(data, cancellationToken: cts.Token));
            cts.Cancel();
            Assert.True(((IAsyncResult)waiting).AsyncWaitHandle.WaitOne(TimeSpan.FromMinutes(1)), "the Fit kept waiting for the lock after its token was cancelled");
        }
        finally
        {
            Monitor.Exit(TorchGlobalStateLock.Gate);
        }
        var ex = Assert.ThrowsAny<OperationCanceledException>(() => waiting.GetAwaiter().GetResult());
        Assert.Equal(cts.Token, ex.CancellationToken);
    }
}
