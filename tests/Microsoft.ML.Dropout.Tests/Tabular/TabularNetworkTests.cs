using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Schedules;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Tabular;

[Collection("Sequential")]
public class TabularNetworkTests
{
    private static readonly float[] Train = TabularParity.SkewedRows(300, 4, seed: 1);

    [Fact]
    public void Build_OneMember_IsTheFrontFollowedByThePlainMlp()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(1);
        var front = new TabularFrontOptions { Preprocessing = FeaturePreprocessing.Quantile, NumericEmbedding = NumericEmbeddingKind.PiecewiseLinear, EmbeddingDimension = 3, PiecewiseLinearBins = 6 };
        using var network = TabularNetwork.Build(Train, 300, 4, 1, TaskKind.BinaryClassification, new MlpArchitecture { HiddenLayers = new[] { 8 } }, front);
        Assert.NotNull(network.Mlp);
        Assert.Equal(4 * 3, network.Mlp!.InputSize);
        network.eval();
        using var x = tensor(TabularParity.SkewedRows(5, 4, seed: 2), new long[] { 5, 4 });
        using var features = network.Front.forward(x);
        using var expected = network.Mlp.forward(features);
        using var actual = network.forward(x);
        Assert.True(actual.allclose(expected));
        var snapshot = network.ToSnapshot(TaskKind.BinaryClassification);
        Assert.Equal(4, snapshot.InputSize);
        Assert.IsType<PreprocessingLayer>(snapshot.Layers[0]);
        Assert.IsType<PiecewiseLinearEmbeddingLayer>(snapshot.Layers[1]);
        Assert.IsType<DenseLayer>(snapshot.Layers[2]);
        Assert.Equal(1, network.RowsPerInputInTraining);
    }

    [Fact]
    public void Build_Ensemble_TrainsOnKRowsPerInputAndSchedulesItsDropout()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(2);
        var architecture = new MlpArchitecture { HiddenLayers = new[] { 8, 8 }, Normalization = Normalization.None, DropoutRate = 0.2 };
        using var network = TabularNetwork.Build(Train, 300, 4, 3, TaskKind.MulticlassClassification, architecture,
            new TabularFrontOptions { Preprocessing = FeaturePreprocessing.RobustClip }, ensembleSize: 4, EnsembleKind.Mini);
        network.train();
        Assert.Equal(4, network.RowsPerInputInTraining);
        using var x = tensor(Train[..40], new long[] { 10, 4 });
        using var rows = network.forward(x);
        Assert.Equal(new long[] { 40, 3 }, rows.shape);
        var rates = network.ApplyDropoutSchedule(new ConstantDropoutSchedule(), 0, 10);
        Assert.Equal(new[] { 0.2, 0.2 }, rates);
        network.eval();
        Assert.Equal(1, network.RowsPerInputInTraining);
        var layers = network.ToSnapshot(TaskKind.MulticlassClassification).Layers;
        Assert.IsType<EnsembleMeanLayer>(layers[^2]);
        Assert.IsType<DenseLayer>(layers[^1]);                 // identity output layer for affine post-processing
    }

    [Fact]
    public void Build_EnsembleWithUnsupportedOptions_ListsEveryConflictWithItsFix()
    {
        var architecture = new MlpArchitecture { Normalization = Normalization.BatchNorm, Residual = true, HiddenLayers = new[] { 8, 8 }, InputDropoutRate = 0.1 };
        var e = Assert.Throws<ArgumentException>(() => TabularNetwork.Build(Train, 300, 4, 1, TaskKind.Regression, architecture,
            new TabularFrontOptions(), ensembleSize: 8));
        Assert.Equal(string.Join(Environment.NewLine,
            "Normalization = BatchNorm cannot be used with EnsembleSize > 1: the members would share batch statistics. Use Normalization = LayerNorm (per member) or None.",
            "InputDropoutRate = 0.1 is not supported with EnsembleSize > 1: set InputDropoutRate = 0."), e.Message);
    }

    [Fact]
    public void ParameterGroups_TabularNetwork_NoDecayOnFrequenciesLinearTermsAndBiases_AdaptersDecayed()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        var architecture = new MlpArchitecture { HiddenLayers = new[] { 8 }, Normalization = Normalization.None };
        using var periodic = TabularNetwork.Build(Train, 300, 4, 1, TaskKind.Regression, architecture,
            new TabularFrontOptions { NumericEmbedding = NumericEmbeddingKind.Periodic, EmbeddingDimension = 3, PeriodicFrequencies = 4 }, ensembleSize: 4);
        using var piecewise = TabularNetwork.Build(Train, 300, 4, 1, TaskKind.Regression, architecture,
            new TabularFrontOptions { NumericEmbedding = NumericEmbeddingKind.PiecewiseLinear, EmbeddingDimension = 3, PiecewiseLinearBins = 4 });
        var decayed = Dropout.Optimization.ParameterGroups.Split(periodic.named_parameters().Concat(piecewise.named_parameters())).Decayed
            .Select(p => p.Name).ToHashSet();
        string[] notDecayed = { "front.embedding.frequencies", "front.embedding.bias", "body.linears.0.bias", "body.heads.bias", "front.embedding.linear_weight", "front.embedding.linear_bias" };
        string[] isDecayed = { "front.embedding.weight", "body.linears.0.weight", "body.linears.0.r", "body.linears.0.s", "body.heads.weight" };
        Assert.All(notDecayed, name => Assert.DoesNotContain(name, decayed));
        Assert.All(isDecayed, name => Assert.Contains(name, decayed));
    }
}
