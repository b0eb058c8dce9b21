using Microsoft.ML.Dropout.Inference.Tabular;

namespace Microsoft.ML.Dropout.Tests.Inference;

/// <summary>
/// The bucket grid only narrows the binary search: for clustered, evenly spread, repeated and tiny runs (inside a
/// larger array), it returns what the full search returns for values on every knot and every bucket boundary, next
/// to them, between them, outside the run, infinite and NaN.
/// </summary>
public class BucketedSearchTests
{
    public static TheoryData<string> Runs => new() { "skewed", "even", "repeats", "two", "one" };

    [Theory]
    [MemberData(nameof(Runs))]
    public void LastAtMost_EveryProbe_EqualsTheFullSearch(string kind)
    {
        var rng = new Random(kind.Length);
        float[] run = kind switch
        {
            // Exponential-like clusters: most knots near 0, a few far out, as quantile knots of a skewed column.
            "skewed" => Enumerable.Range(0, 166).Select(i => (float)Math.Exp(i / 12.0) - 1).ToArray(),
            "even" => Enumerable.Range(0, 49).Select(i => -2.5f + 5f * i / 48).ToArray(),
            // Strictly increasing, then repeats of the last (quantile padding).
            "repeats" => Enumerable.Range(0, 40).Select(i => (float)Math.Min(i, 30) * 0.37f).ToArray(),
            "two" => new[] { -1f, 3f },
            _ => new[] { 0.5f },
        };
        var values = new float[run.Length + 7];
        run.CopyTo(values, 5);
        values[0] = 1e9f;                      // neighbours outside the run must not be read
        values[^1] = -1e9f;
        var search = new BucketedSearch(values, 5, run.Length);

        var probes = new List<float> { float.NaN, float.PositiveInfinity, float.NegativeInfinity, run[0] - 1000, run[^1] + 1000 };
        foreach (float knot in run)
            probes.AddRange(new[] { knot, MathF.BitDecrement(knot), MathF.BitIncrement(knot) });
        // Around every bucket boundary of the grid (width = span / count), where the bucket's rounding matters.
        double width = ((double)run[^1] - run[0]) / run.Length;
        for (int b = 0; b <= run.Length; b++)
        {
            float boundary = (float)(run[0] + b * width);
            probes.AddRange(new[] { boundary, MathF.BitDecrement(boundary), MathF.BitDecrement(MathF.BitDecrement(boundary)), MathF.BitIncrement(boundary) });
        }
        for (int i = 0; i < 2000; i++)
            probes.Add((float)(run[0] - 1 + (run[^1] - run[0] + 2) * rng.NextDouble()));
        foreach (float x in probes)
            Assert.True(SortedSearch.LastAtMost(run, x) == search.LastAtMost(values, x), $"{kind}, x = {x}: {search.LastAtMost(values, x)} vs {SortedSearch.LastAtMost(run, x)}");
    }
}
