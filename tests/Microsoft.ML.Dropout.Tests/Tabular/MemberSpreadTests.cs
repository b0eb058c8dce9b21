using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Training;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Tabular;

/// <summary>EpochMetrics.MemberSpread: the std of the ensemble members' validation losses, every epoch; null for k = 1.</summary>
[Collection("Sequential")]
public class MemberSpreadTests
{
    private static TrainingData Data(int rows, int seed)
    {
        var rng = new Random(seed);
        var x = new float[rows * 4];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < 4; j++) x[r * 4 + j] = (float)(rng.NextDouble() * 4 - 2);
            y[r] = x[r * 4] * x[r * 4 + 1] + 0.5 * x[r * 4 + 2] > 0 ? 1 : 0;
        }
        return new TrainingData(x, rows, 4, y);
    }

    /// <summary>At each epoch's end, the members' validation BCE computed here with TorchSharp's own function.</summary>
    private sealed class MemberLossProbe(TrainingData valid) : ITrainingCallback
    {
        public List<(double Expected, double? Actual)> Epochs { get; } = new();
        public void OnEpochEnd(TrainingContext context)
        {
            var network = (TabularNetwork)context.Model;
            bool training = network.training;
            network.eval();
            using (var scope = NewDisposeScope())
            using (no_grad())
            {
                var members = network.MemberOutputs(tensor(valid.Features, new long[] { valid.RowCount, valid.FeatureCount }));
                var y = tensor(valid.Labels);
                var losses = Enumerable.Range(0, (int)members.shape[1])
                    .Select(i => (double)nn.functional.binary_cross_entropy_with_logits(members.select(1, i).reshape(-1), y).item<float>()).ToArray();
                double mean = losses.Average();
                Epochs.Add((Math.Sqrt(losses.Average(l => (l - mean) * (l - mean))), context.LastEpoch!.MemberSpread));
            }
            network.train(training);
        }
    }

    [Fact]
    public void Fit_Ensemble_EveryEpochRecordsTheStdOfTheMembersValidationLosses()
    {
        var options = new MlpClassificationOptions
        {
            HiddenLayers = new[] { 16 }, BatchSize = 32, MaxEpochs = 3, LearningRate = 3e-3, WarmupEpochs = 1, Seed = 1,
            NumberOfThreads = 1, EarlyStoppingPatience = null, EnsembleSize = 4, DropoutRate = 0.1,
        };
        var valid = Data(100, seed: 2);
        var probe = new MemberLossProbe(valid);
        options.Callbacks.Add(probe);
        var result = new MlpTrainer(options, TrainingTask.Binary).Fit(Data(300, seed: 1), valid);
        Assert.Equal(3, probe.Epochs.Count);
        foreach (var (expected, actual) in probe.Epochs)
        {
            Assert.NotNull(actual);
            Assert.True(expected > 0, $"members agree exactly: {expected}");
            Assert.Equal(expected, actual!.Value, 4);
        }
        Assert.All(result.History, e => Assert.NotNull(e.MemberSpread));
    }

    [Fact]
    public void Fit_SingleModel_HasNoMemberSpread()
    {
        var options = new MlpClassificationOptions { HiddenLayers = new[] { 8 }, MaxEpochs = 2, WarmupEpochs = 1, NumberOfThreads = 1, Preprocessing = FeaturePreprocessing.Standardize };
        var result = new MlpTrainer(options, TrainingTask.Binary).Fit(Data(200, seed: 3), Data(60, seed: 4));
        Assert.All(result.History, e => Assert.Null(e.MemberSpread));
    }
}
