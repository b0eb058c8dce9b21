using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Inference.Tabular;
using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using Microsoft.ML.Dropout.Tests.Export;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Tabular;

[Collection("Sequential")]
public class EmbeddingTests
{
    // Feature 0 has edges 0, 1, 3, 6 (three bins); feature 2 has edges 0, 2 (one bin); column 1 passes through.
    private static readonly float[][] Edges = { new[] { 0f, 1f, 3f, 6f }, new[] { 0f, 2f } };

    [Theory]
    [InlineData(2f, new[] { 1f, 0.5f, 0f })]        // inside bin 2: [1, (x − 1)/2, 0]
    [InlineData(0.5f, new[] { 0.5f, 0f, 0f })]      // inside bin 1
    [InlineData(-1f, new[] { -1f, 0f, 0f })]        // below: the first value is not clamped below
    [InlineData(9f, new[] { 1f, 1f, 2f })]          // above: the last value is not clamped above, (9 − 3)/3
    [InlineData(6f, new[] { 1f, 1f, 1f })]          // the last edge
    public void PiecewiseLinearEncoding_InsideBelowAbove_GivesThePublishedVector(float x, float[] expected)
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        using var module = new PiecewiseLinearEncoding(3, new[] { 0, 2 }, Edges);
        Assert.Equal(3 + 1 + 1, module.OutputWidth);
        using var input = tensor(new[] { x, 42f, 3f }, new long[] { 1, 3 });
        using var output = module.forward(input);
        float[] y = output.data<float>().ToArray();
        Assert.Equal(expected, y[..3]);
        Assert.Equal(1.5f, y[3]);                        // single bin: (3 − 0)/2, unclamped
        Assert.Equal(42f, y[4]);                         // passthrough column
        Assert.Equal(y, TabularLayerForward.Run(module.ToSnapshot(), new[] { x, 42f, 3f }, 1));
    }

    [Fact]
    public void PiecewiseLinearEncoding_SingleBinBelowRange_ExtrapolatesLinearly()
    {
        using var module = new PiecewiseLinearEncoding(1, new[] { 0 }, new[] { new[] { 0f, 2f } });
        using var input = tensor(new[] { -2f }, new long[] { 1, 1 });
        using var output = module.forward(input);
        Assert.Equal(new[] { -1f }, output.data<float>().ToArray());
    }

    [Fact]
    public void PiecewiseLinearBins_RepeatedValues_CollapseDuplicateEdges()
    {
        // 0..9 each 10 times, 4 bins: positions 0, 24.75, 49.5, 74.25, 99 of the sorted values (linear interpolation).
        var rows = Enumerable.Range(0, 100).Select(i => (float)(i / 10)).ToArray();
        float[] edges = PiecewiseLinearBins.Compute(rows, 100, 1, new[] { 0 }, binCount: 4)[0];
        Assert.Equal(new[] { 0f, 2f, 4.5f, 7f, 9f }, edges);
        var few = Enumerable.Range(0, 100).Select(i => i < 90 ? 0f : 1f + i % 2).ToArray();
        float[] collapsed = PiecewiseLinearBins.Compute(few, 100, 1, new[] { 0 }, binCount: 8)[0];
        Assert.Equal(new[] { 0f, 2f }, collapsed);     // levels 0 … 7/8 are all 0; only the maximum differs
    }

    [Fact]
    public void PeriodicEmbedding_Shapes_FollowFeatureCountsAndDimension()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        using var module = new PeriodicEmbedding(5, new[] { 0, 3, 4 }, embeddingDimension: 6, frequencyCount: 4, sigma: 0.5);
        Assert.Equal(3 * 6 + 2, module.OutputWidth);
        Assert.Equal(new long[] { 3, 4 }, module.Frequencies.shape);
        using var x = randn(7, 5);
        using var y = module.forward(x);
        Assert.Equal(new long[] { 7, 20 }, y.shape);
        Assert.Equal(x[.., 1].data<float>().ToArray(), y[.., 18].data<float>().ToArray());   // passthrough in order
        Assert.Equal(x[.., 2].data<float>().ToArray(), y[.., 19].data<float>().ToArray());
        Assert.True(y[.., ..18].min().item<float>() >= 0);                                    // PLR: ReLU last
    }

    [Fact]
    public void PeriodicEmbedding_Frequencies_HaveTruncatedNormalScaleSigma()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(3);
        const double sigma = 0.25;
        using var module = new PeriodicEmbedding(4, new[] { 0, 1, 2, 3 }, frequencyCount: 5000, sigma: sigma);
        float[] w = module.Frequencies.data<float>().ToArray();
        double std = Math.Sqrt(w.Select(v => (double)v * v).Average());
        // N(0, σ²) truncated at ±3σ has standard deviation 0.98658·σ.
        Assert.InRange(std / sigma, 0.97, 1.0);
        Assert.All(w, v => Assert.InRange(v, -3 * sigma, 3 * sigma));
        using var x = tensor(new[] { 0.7f, -1.3f, 2f, 0f }, new long[] { 1, 4 });
        using var periodic = module.Periodic(x);
        Assert.Equal(new long[] { 1, 4, 10000 }, periodic.shape);
        double angle = 2 * Math.PI * w[5000 + 17] * -1.3;
        Assert.Equal(Math.Cos(angle), periodic[0, 1, 17].item<float>(), 4);
        Assert.Equal(Math.Sin(angle), periodic[0, 1, 5017].item<float>(), 4);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PeriodicEmbedding_RandomRows_TorchManagedAndOnnxAgree(bool lite)
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(5);
        using var module = new PeriodicEmbedding(6, new[] { 4, 0, 2 }, embeddingDimension: 8, frequencyCount: 12, sigma: 1.0, lite: lite);
        float[] rows = TestSnapshots.Rows(200, 6, seed: 4, scale: 2);
        TabularParity.AssertAgree(module, module.ToSnapshot(), rows, 200);
    }

    [Fact]
    public void PiecewiseLinearEncoding_RandomRows_TorchManagedAndOnnxAgree()
    {
        float[] train = TabularParity.SkewedRows(500, 4, seed: 1);
        var edges = PiecewiseLinearBins.Compute(train, 500, 4, new[] { 1, 3 }, binCount: 16);
        var sparse = Enumerable.Range(0, 500).Select(i => (float)(i % 3)).ToArray();             // 3 values: 2 bins
        edges = edges.Append(PiecewiseLinearBins.Compute(sparse, 500, 1, new[] { 0 }, binCount: 16)[0]).ToArray();
        using var module = new PiecewiseLinearEncoding(4, new[] { 1, 3, 0 }, edges);
        float[] rows = TabularParity.SkewedRows(100, 4, seed: 2).Select(v => v * 1.5f - 3).ToArray(); // also outside the range
        TabularParity.AssertAgree(module, module.ToSnapshot(), rows, 100);
    }

    [Fact]
    public void PiecewiseLinearEmbedding_TrainedWeights_TorchManagedAndOnnxAgree()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(6);
        float[] train = TabularParity.SkewedRows(500, 5, seed: 3);
        var edges = PiecewiseLinearBins.Compute(train, 500, 5, new[] { 0, 2, 3 }, binCount: 12);
        using var module = new PiecewiseLinearEmbedding(5, new[] { 0, 2, 3 }, edges, embeddingDimension: 6, relu: true);
        using (no_grad())
            module.Weight.normal_(0, 0.5);   // as if trained: the piecewise part is zero at initialisation
        float[] rows = TabularParity.SkewedRows(100, 5, seed: 4);
        TabularParity.AssertAgree(module, module.ToSnapshot(), rows, 100);
    }

    [Fact]
    public void PiecewiseLinearEmbedding_AtInitialisation_IsALinearEmbedding()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        var edges = new[] { new[] { 0f, 1f, 2f, 5f } };
        using var module = new PiecewiseLinearEmbedding(1, new[] { 0 }, edges, embeddingDimension: 3);
        var layer = module.ToSnapshot();
        float[] y = TabularLayerForward.Run(layer, new[] { 3.5f }, 1);
        for (int j = 0; j < 3; j++)
            Assert.Equal(3.5f * layer.LinearWeight[j] + layer.LinearBias[j], y[j], 6);
    }
}
