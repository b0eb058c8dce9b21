using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Tests.Tabular;

[Collection("Sequential")]
public class TabularFrontTests
{
    /// <summary>Five skewed columns with NaNs, then a {0, 1} column and a constant column.</summary>
    private static float[] Rows(int rowCount, int seed)
    {
        float[] skewed = TabularParity.WithNaN(TabularParity.SkewedRows(rowCount, 5, seed), every: 17);
        var rows = new float[rowCount * 7];
        for (int r = 0; r < rowCount; r++)
        {
            Array.Copy(skewed, r * 5, rows, r * 7, 5);
            rows[r * 7 + 5] = r % 3 == 0 ? 1 : 0;
            rows[r * 7 + 6] = 2.5f;
        }
        return rows;
    }

    [Theory]
    [InlineData(FeaturePreprocessing.Quantile, NumericEmbeddingKind.Periodic, true)]
    [InlineData(FeaturePreprocessing.RobustClip, NumericEmbeddingKind.PiecewiseLinear, false)]
    [InlineData(FeaturePreprocessing.Standardize, NumericEmbeddingKind.None, true)]
    public void TabularFront_FittedOnRows_WidthAndChainParity(FeaturePreprocessing preprocessing, NumericEmbeddingKind embedding, bool frontScale)
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        manual_seed(7);
        var options = new TabularFrontOptions
        {
            Preprocessing = preprocessing, NumericEmbedding = embedding, EmbeddingDimension = 4,
            PeriodicFrequencies = 6, PeriodicSigma = 0.5, PiecewiseLinearBins = 8, FrontScale = frontScale,
        };
        using var front = TabularFront.Fit(Rows(600, 1), 600, 7, options);
        // Only the five skewed columns are embedded; the binary and constant columns pass through.
        int expected = embedding == NumericEmbeddingKind.None ? 7 : 5 * 4 + 2;
        Assert.Equal(expected, front.OutputWidth);
        var layers = front.ToSnapshotLayers();
        Assert.Equal(expected, ((ITabularSnapshotLayer)layers[^1]).OutputWidth);
        if (frontScale)
            using (no_grad())
                front.named_parameters().Single(p => p.name.StartsWith("front_scale")).parameter.normal_(1, 0.3);
        TabularParity.AssertChainAgrees(front, front.ToSnapshotLayers(), Rows(150, 2), 150, 7);
    }

    [Fact]
    public void TabularFront_NothingOn_IsIdentityWithNoLayers()
    {
        TorchRuntime.EnsureLoaded(threads: 2);
        var nothing = new TabularFrontOptions { Preprocessing = FeaturePreprocessing.None, NumericEmbedding = NumericEmbeddingKind.None };
        using var front = TabularFront.Fit(Rows(50, 1), 50, 7, nothing);
        Assert.Equal(7, front.OutputWidth);
        Assert.Empty(front.ToSnapshotLayers());
        Assert.False(nothing.IsActive);
        Assert.True(new TabularFrontOptions().IsActive); // the defaults: Quantile + PiecewiseLinear
    }
}
