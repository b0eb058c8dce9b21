using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Tests.Tabular;
using Microsoft.ML.Dropout.Training;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>
/// Training runs the tabular front's parameter-free stage (the preprocessing) once per row instead of per minibatch
/// and epoch (issue 11's time target): the prepared path must give the very same values as the module's forward,
/// and preparing a dataset in chunks the same as preparing it at once.
/// </summary>
[Collection("Sequential")]
public class PreparedInputsTests
{
    private const int Features = 4;
    private static readonly float[] Train = TabularParity.SkewedRows(300, Features, seed: 3);

    public static TheoryData<FeaturePreprocessing, NumericEmbeddingKind, int> Fronts => new()
    {
        { FeaturePreprocessing.Quantile, NumericEmbeddingKind.PiecewiseLinear, 1 },
        { FeaturePreprocessing.RobustClip, NumericEmbeddingKind.Periodic, 1 },
        { FeaturePreprocessing.Quantile, NumericEmbeddingKind.None, 1 },
        { FeaturePreprocessing.None, NumericEmbeddingKind.PiecewiseLinear, 1 },
        { FeaturePreprocessing.Quantile, NumericEmbeddingKind.PiecewiseLinear, 3 },
    };

    [Theory]
    [MemberData(nameof(Fronts))]
    public void ForwardPrepared_OfPreparedInputs_EqualsForwardBitForBit(FeaturePreprocessing preprocessing, NumericEmbeddingKind embedding, int ensembleSize)
    {
        using var network = Build(preprocessing, embedding, ensembleSize);
        network.eval();
        using var x = tensor(TabularParity.SkewedRows(50, Features, seed: 4), new long[] { 50, Features });

        using var expected = network.forward(x);
        using var prepared = network.PrepareInputs(x);
        using var actual = network.ForwardPrepared(prepared);

        Assert.True(expected.eq(actual).all().item<bool>(), "ForwardPrepared(PrepareInputs(x)) differs from forward(x)");
        if (ensembleSize > 1)
        {
            using var members = network.MemberOutputs(x);
            using var preparedMembers = network.MemberOutputsPrepared(prepared);
            Assert.True(members.eq(preparedMembers).all().item<bool>(), "MemberOutputsPrepared differs from MemberOutputs");
        }
        if (preprocessing == FeaturePreprocessing.None)
            Assert.Same(x, network.PrepareInputs(x));
    }

    [Fact]
    public void WithPreparedInputs_MoreRowsThanAChunk_EqualsPreparingEveryRowAtOnce()
    {
        using var network = Build(FeaturePreprocessing.Quantile, NumericEmbeddingKind.None, 1);
        const int rows = 16384 + 777;
        var data = new TrainingData(TabularParity.SkewedRows(rows, Features, seed: 5), rows, Features, new float[rows]);
        using var raw = tensor(data.Features, new long[] { rows, Features });
        using var expected = network.PrepareInputs(raw);

        using var dataset = TensorDataset.From(data, TaskKind.BinaryClassification, 0, 1).WithPreparedInputs(network.PrepareInputs);

        Assert.Equal(expected.shape, dataset.X.shape);
        Assert.True(expected.eq(dataset.X).all().item<bool>(), "chunked preparation differs from preparing all rows at once");
    }

    [Fact]
    public void WithPreparedInputs_NoInputStage_KeepsTheDataset()
    {
        var data = new TrainingData(TabularParity.SkewedRows(10, Features, seed: 6), 10, Features, new float[10]);
        using var dataset = TensorDataset.From(data, TaskKind.BinaryClassification, 0, 1);

        Assert.Same(dataset, dataset.WithPreparedInputs(x => x));
    }

    private static TabularNetwork Build(FeaturePreprocessing preprocessing, NumericEmbeddingKind embedding, int ensembleSize)
    {
        TorchRuntime.EnsureLoaded(threads: 1);
        manual_seed(7);
        var front = new TabularFrontOptions { Preprocessing = preprocessing, NumericEmbedding = embedding, EmbeddingDimension = 3, PiecewiseLinearBins = 6, PeriodicFrequencies = 4 };
        var architecture = new MlpArchitecture { HiddenLayers = new[] { 8 }, Normalization = ensembleSize > 1 ? Normalization.None : Normalization.LayerNorm };
        return TabularNetwork.Build(Train, 300, Features, 1, TaskKind.BinaryClassification, architecture, front, ensembleSize);
    }
}
