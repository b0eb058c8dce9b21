using Microsoft.ML.Dropout.Inference.Tabular;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Tests.Inference;

/// <summary>
/// The one-search lookup of quantile preprocessing and bin gives what the two steps give — the quantile step's float
/// value exactly, and the bin the edges give that value — for raw values on, next to and between every knot and
/// every preimage of a bin edge, outside the knots, infinite and NaN (filled); where the bins differ, the value is
/// within rounding of the edge between them (the embedding is continuous there). Columns: skewed with ties
/// (repeated knots), a constant column, an edge list wider than the quantile outputs.
/// </summary>
public class QuantileBinLookupTests
{
    [Fact]
    public void Bin_EveryProbe_EqualsQuantileStepThenEdgeSearch()
    {
        const int rowCount = 400, columns = 3;
        var rng = new Random(4);
        var rows = new float[rowCount * columns];
        for (int r = 0; r < rowCount; r++)
        {
            rows[r * columns] = (float)Math.Exp(3 * rng.NextDouble());              // skewed
            rows[r * columns + 1] = (float)Math.Round(10 * rng.NextDouble()) / 2;   // ties: 21 distinct values
            rows[r * columns + 2] = 7f;                                              // constant
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
        var prepared = PreprocessingForward.Prepare(quantile, buckets: false);
        int m = quantile.KnotCount, differing = 0, probed = 0;

        for (int k = 0; k < columns; k++)
        {
            var probes = new List<float> { float.NaN, float.PositiveInfinity, float.NegativeInfinity, -1e6f, 1e6f };
            var knots = quantile.KnotX.Skip(k * m).Take(m).ToList();
            for (int i = 0; i + 1 < knots.Count; i++)
                if (knots[i + 1] > knots[i])
                    for (int j = 0; j < 16; j++)
                        probes.Add(knots[i] + (knots[i + 1] - knots[i]) * j / 16f);
            foreach (float knot in knots.ToList())
                probes.AddRange(new[] { knot, MathF.BitDecrement(knot), MathF.BitIncrement(knot) });
            foreach (float raw in probes)
            {
                float expectedValue = PreprocessingForward.QuantileValue(quantile, prepared, k, raw);
                int expectedBin = SortedSearch.LastAtMost(edges[k].AsSpan(0, edges[k].Length - 1), expectedValue);

                int bin = lookup.Bin(k, raw, out float value);

                probed++;
                Assert.True(Math.Abs(expectedValue - value) <= 1e-6 * Math.Max(1, Math.Abs(expectedValue)), $"column {k}, raw {raw}: value {value} vs quantile step {expectedValue}");
                if (bin == expectedBin) continue;
                differing++;
                float edge = edges[k][Math.Max(bin, expectedBin)];
                Assert.True(Math.Abs(bin - expectedBin) == 1 && Math.Abs(expectedValue - edge) <= 1e-5f, $"column {k}, raw {raw} (value {expectedValue}): bin {bin} vs {expectedBin}");
            }
        }
        Assert.True(differing <= probed / 50, $"{differing} of {probed} probes in a neighbouring bin");
    }
}
