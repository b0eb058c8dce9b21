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
}
