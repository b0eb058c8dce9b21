using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Training;
using TorchSharp;
using Xunit.Abstractions;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>The REGULARIZATION.md reference experiment, scaled down: the defaults must narrow the train/validation gap.</summary>
[Collection("Sequential")]
public class OverfittingTests
{
    private readonly ITestOutputHelper _output;

    public OverfittingTests(ITestOutputHelper output) => _output = output;

    /// <summary>Accuracy of the trained model in eval mode, measured at the end of training (after restore).</summary>
    private sealed class EvalAccuracy : ITrainingCallback
    {
        private readonly TrainingData _train, _valid;
        public EvalAccuracy(TrainingData train, TrainingData valid) { _train = train; _valid = valid; }
        public double Train { get; private set; }
        public double Valid { get; private set; }

        public void OnTrainEnd(TrainingContext context)
        {
            Train = Accuracy(context.Model, _train);
            Valid = Accuracy(context.Model, _valid);
        }

        private static double Accuracy(torch.nn.Module<torch.Tensor, torch.Tensor> model, TrainingData data)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            model.eval();
            var x = torch.tensor(data.Features, new long[] { data.RowCount, data.FeatureCount });
            var predicted = model.forward(x).argmax(1).data<long>().ToArray();
            return predicted.Zip(data.Labels, (p, l) => p == (long)l ? 1.0 : 0.0).Average();
        }
    }

    private (double Train, double Valid) Run(MlpTrainerOptions options, TrainingData train, TrainingData valid)
    {
        var probe = new EvalAccuracy(train, valid);
        options.Callbacks.Add(probe);
        var r = new MlpTrainer(options, TrainingTask.Multiclass(4)).Fit(train, valid);
        _output.WriteLine($"best epoch {r.BestEpoch} of {r.History.Count}, {r.StopReason}");
        return (probe.Train, probe.Valid);
    }

    [Fact]
    public void Fit_NoisyFeaturesFourClasses_DefaultsNarrowTrainValidationGap()
    {
        // 600 rows × 50 Gaussian features, 10 informative; 70/30 split; the default [256, 128] network.
        const int rows = 600, features = 50, epochs = 40;
        const double lr = 3e-3;
        var all = SyntheticData.FourClass(rows, features, 10, seed: 21);
        int nTrain = rows * 7 / 10;
        var train = all.Subset(Enumerable.Range(0, nTrain).ToArray());
        var valid = all.Subset(Enumerable.Range(nTrain, rows - nTrain).ToArray());

        // The regularizers of the defaults on the plain network (no tabular front in either run: the front is measured
        // on the suite, bench/Quality/RESULTS.md; on these Gaussian features the embedding alone already generalizes).
        var none = Run(new MlpClassificationOptions
        {
            Preprocessing = FeaturePreprocessing.None, NumericEmbedding = NumericEmbeddingKind.None,
            DropoutRate = 0,
            WeightDecay = 0, LabelSmoothing = 0, EarlyStoppingPatience = null, RestoreBestWeights = false,
            BatchSize = 32, MaxEpochs = epochs, LearningRate = lr, NumberOfThreads = 1,
        }, train, valid);
        var defaults = Run(new MlpClassificationOptions
        {
            Preprocessing = FeaturePreprocessing.None, NumericEmbedding = NumericEmbeddingKind.None,
            BatchSize = 32, MaxEpochs = epochs, LearningRate = lr, NumberOfThreads = 1,
        }, train, valid);

        _output.WriteLine($"no regularization: train {none.Train:F3} valid {none.Valid:F3} gap {none.Train - none.Valid:F3}");
        _output.WriteLine($"defaults:          train {defaults.Train:F3} valid {defaults.Valid:F3} gap {defaults.Train - defaults.Valid:F3}");
        // Measured (seeded, this machine): none train 1.000 / valid 0.839 (gap 0.161); defaults 0.998 / 0.856 (gap 0.142).
        // The direction matches REGULARIZATION.md's table, the size does not: the default LayerNorm network still
        // fits the 420 training rows perfectly in eval mode, and decay on LayerNorm-ed weights barely changes the function.
        Assert.True(none.Train >= 0.99, $"precondition: the unregularized net overfits (train accuracy {none.Train:F3})");
        Assert.True(defaults.Train - defaults.Valid < none.Train - none.Valid - 0.01,
            $"gap with defaults {defaults.Train - defaults.Valid:F3} vs without regularization {none.Train - none.Valid:F3}");
        Assert.True(defaults.Valid > none.Valid, $"validation accuracy {defaults.Valid:F3} vs {none.Valid:F3}");
    }
}
