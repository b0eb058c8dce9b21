using Microsoft.ML.Dropout.Modules;

namespace Microsoft.ML.Dropout.Tests.Modules;

public class CounterHashBernoulliTests
{
    private const int Count = 200_000;

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.3)]
    [InlineData(0.7)]
    [InlineData(0.97)]
    public void Fill_KeepsAFractionP_WithTheGivenValue(double p)
    {
        var mask = new float[Count];
        CounterHashBernoulli.Fill(mask, p, 2.5f, 12345, 67890);
        double kept = mask.Count(v => v != 0) / (double)Count;
        double fourSigma = 4 * Math.Sqrt(p * (1 - p) / Count);
        Assert.InRange(kept, p - fourSigma, p + fourSigma);
        Assert.All(mask, v => Assert.True(v == 0f || v == 2.5f));
    }

    [Fact]
    public void Fill_POne_KeepsAll_PZero_KeepsNone()
    {
        var mask = new float[1000];
        CounterHashBernoulli.Fill(mask, 1.0, 1f, 1, 2);
        Assert.All(mask, v => Assert.Equal(1f, v));
        CounterHashBernoulli.Fill(mask, 0.0, 1f, 1, 2);
        Assert.All(mask, v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(37)]
    [InlineData(1029)]
    public void Fill_VectorLanesAndTail_DecideEachElementByItsOwnHash(int length)
    {
        // Element i is a function of (key, i) only, whether the vector loop or the scalar tail wrote it.
        var mask = new float[length];
        CounterHashBernoulli.Fill(mask, 0.6, 1f, 0xDEADBEEF, 0x12345678);
        uint threshold = (uint)Math.Floor(0.6 * 4294967296.0);
        for (int i = 0; i < length; i++)
            Assert.Equal(CounterHashBernoulli.Hash((uint)i, 0xDEADBEEF, 0x12345678) < threshold ? 1f : 0f, mask[i]);
        // A prefix of a longer mask is the shorter mask.
        var longer = new float[length + 100];
        CounterHashBernoulli.Fill(longer, 0.6, 1f, 0xDEADBEEF, 0x12345678);
        Assert.Equal(mask, longer.Take(length).ToArray());
    }

    [Theory]
    [InlineData(1)]   // neighbours in a row
    [InlineData(8)]   // the same lane of the next vector
    [InlineData(256)] // the same column of the next row of a 256-wide activation
    public void Fill_ElementsAtAFixedDistance_AreUncorrelated(int distance)
    {
        var mask = new float[Count];
        CounterHashBernoulli.Fill(mask, 0.5, 1f, 42, 4242);
        double both = 0;
        int pairs = Count - distance;
        for (int i = 0; i < pairs; i++)
            both += mask[i] * mask[i + distance];
        // P(both kept) = 0.25 for independent elements; 4 standard deviations of the estimate.
        Assert.InRange(both / pairs, 0.25 - 4 * Math.Sqrt(0.25 * 0.75 / pairs), 0.25 + 4 * Math.Sqrt(0.25 * 0.75 / pairs));
    }

    [Fact]
    public void Fill_KeysThatDifferInOneBit_GiveUnrelatedMasks()
    {
        var first = new float[Count];
        var second = new float[Count];
        var third = new float[Count];
        CounterHashBernoulli.Fill(first, 0.5, 1f, 1000, 77);
        CounterHashBernoulli.Fill(second, 0.5, 1f, 1001, 77);
        CounterHashBernoulli.Fill(third, 0.5, 1f, 1000, 78);
        double sigma = Math.Sqrt(0.25 / Count);
        // Two independent masks at p = 0.5 agree on half the elements.
        Assert.InRange(first.Zip(second, (a, b) => a == b ? 1.0 : 0.0).Average(), 0.5 - 4 * sigma, 0.5 + 4 * sigma);
        Assert.InRange(first.Zip(third, (a, b) => a == b ? 1.0 : 0.0).Average(), 0.5 - 4 * sigma, 0.5 + 4 * sigma);
        // Nor is the second mask the first with its indices permuted by the key's difference (i ↔ i ⊕ 1).
        Assert.InRange(Enumerable.Range(0, Count).Average(i => second[i] == first[i ^ 1] ? 1.0 : 0.0), 0.5 - 4 * sigma, 0.5 + 4 * sigma);
    }
}
