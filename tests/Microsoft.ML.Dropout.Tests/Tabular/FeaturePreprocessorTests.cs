using Microsoft.ML.Dropout.Inference.Tabular;
using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using TorchSharp;

namespace Microsoft.ML.Dropout.Tests.Tabular;

[Collection("Sequential")]
public class FeaturePreprocessorTests
{
    private static float[] Apply(PreprocessingLayer layer, float[] rows, int rowCount) => TabularLayerForward.Run(layer, rows, rowCount);

    private static double[] Column(float[] rows, int featureCount, int j) =>
        Enumerable.Range(0, rows.Length / featureCount).Select(r => (double)rows[r * featureCount + j]).ToArray();

    [Fact]
    public void Quantile_TrainingColumns_AreStandardNormalByKolmogorovSmirnov()
    {
        const int rows = 6000, features = 4;
        float[] x = TabularParity.SkewedRows(rows, features, seed: 11);
        var layer = FeaturePreprocessor.Fit(x, rows, features, FeaturePreprocessing.Quantile);
        Assert.Equal(rows / 30, layer.KnotCount);
        float[] y = Apply(layer, x, rows);
        for (int j = 0; j < features; j++)
        {
            double[] sorted = Column(y, features, j).OrderBy(v => v).ToArray();
            double ks = 0;
            for (int i = 0; i < sorted.Length; i++)
            {
                double cdf = NormalDistributionMath.Cdf(sorted[i]);
                ks = Math.Max(ks, Math.Max(Math.Abs((i + 1.0) / sorted.Length - cdf), Math.Abs((double)i / sorted.Length - cdf)));
            }
            // 200 quantiles: the interpolation error is ≤ 1/199 in level; the sampling part is 0 on training rows.
            Assert.True(ks < 0.01, $"column {j}: KS distance {ks}");
        }
    }

    [Fact]
    public void Quantile_Grid_IsMonotoneAndBounded()
    {
        const int rows = 900, features = 2;
        float[] x = TabularParity.SkewedRows(rows, features, seed: 3);
        var layer = FeaturePreprocessor.Fit(x, rows, features, FeaturePreprocessing.Quantile);
        Assert.Equal(30, layer.KnotCount);
        var grid = Enumerable.Range(-2000, 4001).Select(i => i * 0.05f).ToArray();
        float[] probe = grid.SelectMany(v => new[] { v, v * 10 }).ToArray();
        float[] y = Apply(layer, probe, grid.Length);
        double bound = NormalDistributionMath.InverseCdf(1 - 1e-7);
        for (int j = 0; j < features; j++)
        {
            double[] column = Column(y, features, j);
            for (int i = 1; i < column.Length; i++)
                Assert.True(column[i] >= column[i - 1], $"column {j} decreases at grid point {i}: {column[i - 1]} → {column[i]}");
            Assert.Equal(-bound, column[0], 5);   // below the training range: Φ⁻¹(1e-7)
            Assert.Equal(bound, column[^1], 5);   // above it
        }
    }

    [Fact]
    public void Quantile_DuplicateQuantiles_CollapseToTheirMidLevel()
    {
        // 80% zeros, 10 quantiles: levels 0, 1/9, …, 7/9 all equal 0 and collapse into one knot at level 7/18.
        const int rows = 300;
        var x = Enumerable.Range(0, rows).Select(i => i < 240 ? 0f : i - 239f).ToArray();
        var layer = FeaturePreprocessor.Fit(x, rows, 1, FeaturePreprocessing.Quantile);
        Assert.Equal(0f, layer.KnotX[0]);
        Assert.True(layer.KnotX[1] > 0);
        Assert.Equal(NormalDistributionMath.InverseCdf(7.0 / 18), layer.KnotY[0], 5);
        Assert.Equal(NormalDistributionMath.InverseCdf(7.0 / 18), Apply(layer, new[] { 0f }, 1)[0], 5);
    }

    [Fact]
    public void RobustClip_SkewedColumns_MedianCentredAndBoundedByThree()
    {
        const int rows = 2001, features = 4;
        float[] x = TabularParity.SkewedRows(rows, features, seed: 5);
        var layer = FeaturePreprocessor.Fit(x, rows, features, FeaturePreprocessing.RobustClip);
        float[] y = Apply(layer, x, rows);
        for (int j = 0; j < features; j++)
        {
            double[] sorted = Column(y, features, j).OrderBy(v => v).ToArray();
            Assert.Equal(0, sorted[rows / 2], 6);                                 // the median maps to 0
            Assert.All(sorted, v => Assert.True(Math.Abs(v) < 3));                // smooth clip bound
            double q1 = sorted[rows / 4], q3 = sorted[3 * rows / 4];
            // IQR scaling: the quartiles sit near ±0.5 before the clip (lognormal is skewed, so not symmetric).
            Assert.InRange(PreprocessingLayer.SmoothClip(1) - (q3 - q1), -0.05, 0.05);
        }
        Assert.Equal(100 / Math.Sqrt(1 + 100.0 * 100 / 9), PreprocessingLayer.SmoothClip(100), 12);
    }

    [Fact]
    public void RobustClip_ZeroInterquartileRange_FallsBackToHalfTheRange()
    {
        // 90% equal values: IQR = 0, so the scale is 0.5·(max − min) = 5.
        var x = Enumerable.Range(0, 100).Select(i => i < 95 ? 2f : i == 99 ? 12f : 7f).ToArray();
        var layer = FeaturePreprocessor.Fit(x, 100, 1, FeaturePreprocessing.RobustClip);
        Assert.Equal(2f, layer.Centre[0]);
        Assert.Equal(0.2f, layer.Scale[0]);
    }

    [Theory]
    [InlineData(FeaturePreprocessing.Standardize)]
    [InlineData(FeaturePreprocessing.RobustClip)]
    [InlineData(FeaturePreprocessing.Quantile)]
    public void EveryKind_BinaryTwoValuedConstantAndNaN_FollowTheColumnRules(FeaturePreprocessing kind)
    {
        // columns: {0,1}; {3, 8}; constant 4; continuous with NaNs.
        const int rows = 400, features = 4;
        var rng = new Random(2);
        var x = new float[rows * features];
        for (int r = 0; r < rows; r++)
        {
            x[r * 4] = r % 3 == 0 ? 1 : 0;
            x[r * 4 + 1] = r % 5 == 0 ? 8 : 3;
            x[r * 4 + 2] = 4;
            x[r * 4 + 3] = r % 7 == 0 ? float.NaN : (float)(rng.NextDouble() * 50);
        }
        var layer = FeaturePreprocessor.Fit(x, rows, features, kind);
        float[] probe = { 0, 3, 4, float.NaN, 1, 8, 4, 1000 };
        float[] y = Apply(layer, probe, 2);
        Assert.Equal(new[] { 0f, 0f, 0f }, y[..3]);
        Assert.Equal(1f, y[4], 6);
        Assert.Equal(1f, y[5], 6);
        Assert.Equal(0f, y[6]);
        // NaN → the training median, which maps to ≈ 0 for the centring kinds and to Φ⁻¹(½) = 0 for Quantile.
        double median = layer.Fill[3];
        float[] atMedian = Apply(layer, new[] { 0, 3, 4, (float)median }, 1);
        Assert.Equal(atMedian[3], y[3]);
        if (kind != FeaturePreprocessing.Standardize)
            Assert.Equal(0, y[3], 2);
    }

    [Theory]
    [InlineData(FeaturePreprocessing.Standardize)]
    [InlineData(FeaturePreprocessing.RobustClip)]
    public void Fit_AffineKind_InfiniteValue_ThrowsNamingRowAndColumn(FeaturePreprocessing kind)
    {
        var x = new[] { 1f, 2f, 3f, float.PositiveInfinity };
        var e = Assert.Throws<ArgumentException>(() => FeaturePreprocessor.Fit(x, 2, 2, kind));
        Assert.Equal("Feature column 1 has the value +∞ in row 1; only the quantile preprocessing (Preprocessing = Quantile) maps an infinite value " +
            "(to the column's extreme quantile): use it, or replace the value (a missing value may be NaN).", e.Message);
    }

    [Fact]
    public void Fit_Quantile_InfiniteValues_KnotsFromTheFiniteOnes_MappedToTheEnds()
    {
        // Column 1 holds ±∞ in some rows: its statistics are those of its finite values (as if the ∞ were missing),
        // and the transform sends +∞ to the top knot's level and −∞ to the bottom one's, in every path.
        var random = new Random(4);
        int n = 400;
        var withInfinity = new float[n * 2];
        for (int r = 0; r < n; r++)
        {
            withInfinity[2 * r] = (float)random.NextDouble();
            withInfinity[2 * r + 1] = r % 25 == 3 ? float.PositiveInfinity : r % 25 == 7 ? float.NegativeInfinity : (float)(random.NextDouble() * 10);
        }
        var asMissing = withInfinity.Select(v => float.IsInfinity(v) ? float.NaN : v).ToArray();
        var layer = FeaturePreprocessor.Fit(withInfinity, n, 2, FeaturePreprocessing.Quantile);
        var reference = FeaturePreprocessor.Fit(asMissing, n, 2, FeaturePreprocessing.Quantile);
        Assert.Equal(reference.KnotX, layer.KnotX);
        Assert.Equal(reference.KnotY, layer.KnotY);
        Assert.Equal(reference.Fill, layer.Fill);

        int m = layer.KnotCount;
        float top = layer.KnotY[m + m - 1], bottom = layer.KnotY[m];
        var probe = new[] { 0.5f, float.PositiveInfinity, 0.5f, float.NegativeInfinity };
        float[] managed = Apply(layer, probe, 2);
        Assert.Equal(new[] { top, bottom }, new[] { managed[1], managed[3] });
        Assert.True(top > 5 && bottom < -5, $"{top}, {bottom}");
        using var module = new PreprocessingModule(layer);
        using var scope = torch.NewDisposeScope();
        Assert.Equal(managed, module.forward(torch.tensor(probe, new long[] { 2, 2 })).data<float>().ToArray());
    }

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(1e-7, -5.199337582192817)]
    [InlineData(0.3, -0.5244005127080407)]
    public void NormalDistributionMath_InverseCdf_MatchesReferenceValues(double p, double expected) =>
        Assert.Equal(expected, NormalDistributionMath.InverseCdf(p), 12);

    [Theory]
    [InlineData(FeaturePreprocessing.None)]
    [InlineData(FeaturePreprocessing.Standardize)]
    [InlineData(FeaturePreprocessing.RobustClip)]
    [InlineData(FeaturePreprocessing.Quantile)]
    public void PreprocessingModule_RandomRowsWithNaN_TorchManagedAndOnnxAgree(FeaturePreprocessing kind)
    {
        const int rows = 1200, features = 5;
        float[] train = TabularParity.WithNaN(TabularParity.SkewedRows(rows, features, seed: 8), every: 13);
        var layer = FeaturePreprocessor.Fit(train, rows, features, kind);
        float[] test = TabularParity.SkewedRows(300, features, seed: 9);
        test[7] = -1e6f; test[8] = 1e6f;                   // beyond the training range
        if (kind != FeaturePreprocessing.None)
            test = TabularParity.WithNaN(test, every: 11);
        using var module = new PreprocessingModule(layer);
        TabularParity.AssertAgree(module, layer, test, 300);
    }
}
