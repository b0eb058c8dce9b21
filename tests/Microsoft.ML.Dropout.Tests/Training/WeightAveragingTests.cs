using Microsoft.ML.Dropout.Training;
using Microsoft.ML.Dropout.Training.Callbacks;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>
/// <c>WeightAveragingDecay</c>: the average equals an EMA of the live weights computed here (with TensorFlow's
/// warm-up), validation, early stopping and the final model see it, training continues from the live weights.
/// </summary>
[Collection("Sequential")]
public class WeightAveragingTests
{
    /// <summary>
    /// Records the live weights after every step (the average never touches them) and keeps its own EMA of them in
    /// double; compares the network with that EMA and the history's validation loss with a loss computed here.
    /// </summary>
    private sealed class EmaProbe(double decay, TrainingData? valid) : ITrainingCallback
    {
        private TorchSharp.Modules.Parameter[] _parameters = [];
        private double[][] _ema = [];

        public int Order { get; init; }
        public int Steps { get; private set; }
        /// <summary>Largest |network − hand EMA| seen in OnEpochEnd and in OnTrainEnd.</summary>
        public double MaxEpochEndDifference { get; private set; }
        public double TrainEndDifference { get; private set; } = double.NaN;
        public List<(double History, double Averaged, double Live)> ValidLosses { get; } = new();
        private double _averagedLoss;

        public void OnTrainBegin(TrainingContext context)
        {
            _parameters = context.Parameters.All.ToArray();
            _ema = _parameters.Select(p => Values(p).Select(v => (double)v).ToArray()).ToArray();
        }

        public void OnBatchEnd(TrainingContext context)
        {
            Steps++;
            double d = Math.Min(decay, (1.0 + context.Step) / (10.0 + context.Step));
            for (int i = 0; i < _parameters.Length; i++)
            {
                var live = Values(_parameters[i]);
                for (int j = 0; j < live.Length; j++)
                    _ema[i][j] = d * _ema[i][j] + (1 - d) * live[j];
            }
        }

        public void OnEpochEnd(TrainingContext context)
        {
            MaxEpochEndDifference = Math.Max(MaxEpochEndDifference, Difference());
            if (valid is null)
                return;
            _averagedLoss = Loss(context.Model, valid);
        }

        public void OnValidationEnd(TrainingContext context)
        {
            if (valid is not null)
                ValidLosses.Add((context.LastEpoch!.ValidLoss!.Value, _averagedLoss, Loss(context.Model, valid)));
        }

        public void OnTrainEnd(TrainingContext context) => TrainEndDifference = Difference();

        private double Difference() => _parameters.Select((p, i) => Values(p).Select((v, j) => Math.Abs(v - _ema[i][j])).Max()).Max();

        private static float[] Values(TorchSharp.Modules.Parameter p)
        {
            using var detached = p.detach();
            return detached.data<float>().ToArray();
        }
    }

    /// <summary>The mean cross-entropy of the plain MLP on <paramref name="data"/> in eval mode, computed with TorchSharp's own functions.</summary>
    private static double Loss(nn.Module<Tensor, Tensor> model, TrainingData data)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        model.eval();
        try
        {
            var output = model.forward(torch.tensor(data.Features, new long[] { data.RowCount, data.FeatureCount }));
            return nn.functional.cross_entropy(output, torch.tensor(data.Labels.Select(v => (long)v).ToArray())).item<float>();
        }
        finally
        {
            model.train();
        }
    }

    private static MlpClassificationOptions Options(double? decay, int maxEpochs = 3)
    {
        var options = TrainerTestOptions.Small(maxEpochs);
        options.HiddenLayers = new[] { 8 };
        options.WeightAveragingDecay = decay;
        return options;
    }

    [Theory]
    [InlineData(0.9, 1, null)]
    [InlineData(0.5, 1, null)]
    [InlineData(0.9, 2, 0.5)] // an ensemble, with max-norm constraining the live weights
    public void Fit_NoValidation_FinalWeightsAreHandComputedEmaWithWarmup(double decay, int ensembleSize, double? maxNorm)
    {
        var options = Options(decay);
        options.ValidationFraction = 0;
        options.EnsembleSize = ensembleSize;
        options.MaxNorm = maxNorm;
        var probe = new EmaProbe(decay, valid: null);
        options.Callbacks.Add(probe);
        var result = new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(SyntheticData.FourClass(96, 6, 3, seed: 41));

        Assert.Equal(9, probe.Steps); // 3 batches × 3 epochs: d ≤ 10/19, so 0.9 is all warm-up and 0.5 reaches its cap at step 8
        Assert.True(probe.MaxEpochEndDifference < 1e-6, $"OnEpochEnd saw weights {probe.MaxEpochEndDifference} away from the EMA");
        Assert.True(probe.TrainEndDifference < 1e-6, $"the final weights are {probe.TrainEndDifference} away from the EMA");
        Assert.Equal(0, result.History.Count(h => h.ValidLoss is not null));
    }

    [Fact]
    public void Fit_WithValidation_HistoryLossIsTheAveragedWeightsLoss_TrainingContinuesFromLiveWeights()
    {
        var train = SyntheticData.FourClass(96, 6, 3, seed: 42);
        var valid = SyntheticData.FourClass(64, 6, 3, seed: 43);
        var options = Options(0.9, maxEpochs: 4);
        options.EarlyStoppingPatience = null;
        options.RestoreBestWeights = false;
        var probe = new EmaProbe(0.9, valid);
        options.Callbacks.Add(probe);
        new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(train, valid);

        Assert.True(probe.MaxEpochEndDifference < 1e-6, $"OnEpochEnd saw weights {probe.MaxEpochEndDifference} away from the EMA");
        Assert.Equal(4, probe.ValidLosses.Count);
        foreach (var (history, averaged, live) in probe.ValidLosses)
        {
            Assert.Equal(averaged, history, 1e-5);
            Assert.True(Math.Abs(live - history) > 1e-3, $"the live weights' loss {live} is the history's {history}");
        }
    }

    [Theory]
    [InlineData(false)] // the option: the built-in runs before early stopping
    [InlineData(true)]  // the callback added by hand (Order 0): it runs after early stopping and must not overwrite the restored copy
    public void Fit_RestoreBest_RestoresTheBestEpochsAveragedWeights(bool addedByHand)
    {
        var data = SyntheticData.FourClass(160, 12, 4, seed: 44);
        var noisy = SyntheticData.RandomLabels(data, 4, seed: 45); // validation loss gets worse after the first epochs
        var options = Options(addedByHand ? null : 0.9, maxEpochs: 10);
        if (addedByHand)
            options.Callbacks.Add(new WeightAveraging(0.9));
        options.HiddenLayers = new[] { 64 };
        options.DropoutRate = 0;
        options.LearningRate = 0.05;
        options.EarlyStoppingPatience = null;
        options.RestoreBestWeights = true;
        var averaged = new RecordingCallback { RecordWeights = true };
        var live = new Dictionary<int, Dictionary<string, float[]>>();
        options.Callbacks.Add(averaged);
        options.Callbacks.Add(new LiveWeightsRecorder(live));
        var result = new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(noisy);

        Assert.InRange(result.BestEpoch, 1, result.History.Count - 1); // a later epoch ran, so the best was restored
        var best = averaged.EpochWeights[result.BestEpoch];
        Assert.All(best, kv => Assert.Equal(kv.Value, averaged.FinalWeights[kv.Key]));
        Assert.Contains(best, kv => !kv.Value.SequenceEqual(live[result.BestEpoch][kv.Key]));
    }

    /// <summary>The network's weights in OnValidationEnd, i.e. the live (non-averaged) ones training continues from.</summary>
    private sealed class LiveWeightsRecorder(Dictionary<int, Dictionary<string, float[]>> weights) : ITrainingCallback
    {
        public void OnValidationEnd(TrainingContext context) => weights[context.Epoch] = RecordingCallback.State(context.Model);
    }

    [Fact]
    public void Fit_SameSeedWithAveraging_SameModel_AndDiffersFromNoAveraging()
    {
        var data = SyntheticData.FourClass(120, 6, 3, seed: 46);
        float[] Train(double? decay) => TrainerTestOptions.DenseWeights(new MlpTrainer(Options(decay), TrainerTestOptions.FourClasses).Fit(data).Model);
        var first = Train(0.99);
        Assert.Equal(first, Train(0.99));
        Assert.NotEqual(first, Train(null));
    }

    [Fact]
    public void Fit_Averaging_LiveTensorCountStableFromEpochToEpoch()
    {
        var counts = new List<long>();
        var options = Options(0.9, maxEpochs: 5);
        options.Callbacks.Add(new RecordingCallback { OnBatchEndAction = ctx => { if (ctx.Batch == 0) counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount); } });
        new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(SyntheticData.FourClass(150, 6, 3, seed: 47));
        Assert.Equal(5, counts.Count);
        Assert.All(counts.Skip(2), c => Assert.Equal(counts[1], c));
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(-0.5, "-0.5")]
    public void WeightAveragingDecay_OutsideOpenUnitInterval_RefusedNamingTheOption(double decay, string shown)
    {
        string expected = $"Invalid value for option 'WeightAveragingDecay': expected a value in (0, 1), e.g. 0.99 (Keras' ema_momentum) or 0.999 for long runs. Received: {shown}.";
        var options = new MlpTrainerOptions();
        Assert.StartsWith(expected, Assert.Throws<ArgumentOutOfRangeException>(() => options.WeightAveragingDecay = decay).Message);
        Assert.StartsWith(expected, Assert.Throws<ArgumentOutOfRangeException>(() => new WeightAveraging(decay)).Message);
        Assert.Equal(Defaults.WeightAveragingDecay, options.WeightAveragingDecay);
    }

    [Fact]
    public void DecayAt_FollowsTensorFlowWarmupThenTheDecay()
    {
        Assert.Equal(2.0 / 11, WeightAveraging.DecayAt(0.99, 1));
        Assert.Equal(11.0 / 20, WeightAveraging.DecayAt(0.99, 10));
        Assert.Equal(0.9, WeightAveraging.DecayAt(0.9, 1000));
    }
}
