using Microsoft.ML.Dropout.Inference.Tabular;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Tests.Inference;

/// <summary>
/// The flattened lookup the folded embedding uses per feature gives, bit for bit, the table position and fraction of
/// the step-by-step arithmetic it replaces (<see cref="QuantileBinLookup.Bin"/>, then the embedding's slot of that
/// bin, its clamped affine fraction and the bin's table row), for raw values on, next to and between every knot,
/// outside the knots, infinite and NaN; columns with a bucket grid (skewed, ties) and without one (constant).
/// </summary>
public class FoldedQuantileLocatorTests
{
    [Fact]
    public void Locate_EveryProbe_EqualsQuantileBinLookupThenSlotArithmetic()
    {
        const int rowCount = 400, columns = 3, rowWidth = 5;
        var rng = new Random(4);
        var rows = new float[rowCount * columns];
        for (int r = 0; r < rowCount; r++)
        {
            rows[r * columns] = (float)Math.Exp(3 * rng.NextDouble());
            rows[r * columns + 1] = (float)Math.Round(10 * rng.NextDouble()) / 2;
            rows[r * columns + 2] = 7f;
        }
        var quantile = FeaturePreprocessor.Fit(rows, rowCount, columns, FeaturePreprocessing.Quantile);
        var edges = new[]
        {
            new[] { -2f, -1f, -0.3f, 0f, 0.4f, 1.1f, 2f },
            new[] { -1.5f, -0.5f, 0.5f, 1.5f },
            new[] { -5f, 0f, 5f },
        };
        var encoding = new PiecewiseLinearEncodingLayer("encoding", columns, new[] { 0, 1, 2 }, edges);
        var lookup = new QuantileBinLookup(quantile, encoding);
        var (weight, bias, lower, upper, _) = encoding.Coefficients();
        int maxBins = encoding.MaxBins;
        var tableStart = new[] { 0, 7 * rowWidth, 11 * rowWidth };
        var locator = new FoldedQuantileLocator(lookup, Array.ConvertAll(edges, e => e.Length), maxBins, weight, bias, lower, upper, tableStart, rowWidth);
        Assert.Equal(0, lookup.Search(2).BucketStarts.Length - 1);
        Assert.True(lookup.Search(0).BucketStarts.Length > 1, "column 0 is searched through a bucket grid");
        int m = quantile.KnotCount;

        for (int k = 0; k < columns; k++)
        {
            var probes = new List<float> { float.NaN, float.PositiveInfinity, float.NegativeInfinity, -1e6f, 1e6f };
            var knots = quantile.KnotX.Skip(k * m).Take(m).ToList();
            for (int i = 0; i + 1 < knots.Count; i++)
                for (int j = 0; j < 16; j++)
                    probes.Add(knots[i] + (knots[i + 1] - knots[i]) * j / 16f);
            foreach (float knot in knots)
                probes.AddRange(new[] { knot, MathF.BitDecrement(knot), MathF.BitIncrement(knot) });
            foreach (float raw in probes)
            {
                int t = lookup.Bin(k, raw, out float value);
                int slot = k * maxBins + PiecewiseLinearFoldTables.Slot(t, edges[k].Length - 1, maxBins);
                float expectedFrac = Math.Min(Math.Max(bias[slot] + weight[slot] * value, lower[slot]), upper[slot]);
                int expectedPosition = tableStart[k] + t * rowWidth;

                int position = locator.Locate(k, raw, out float frac);

                Assert.True(expectedPosition == position, $"column {k}, raw {raw:R}: table position {position} vs {expectedPosition}");
                Assert.True(BitConverter.SingleToInt32Bits(expectedFrac) == BitConverter.SingleToInt32Bits(frac), $"column {k}, raw {raw:R}: fraction {frac:R} vs {expectedFrac:R}");
            }
        }
    }
}
