using MLNetRegularization.Bench.Quality.Suite;

namespace MLNetRegularization.Bench.Quality.Tests;

public class FitTimingTests
{
    [Theory]
    // first fit, the scripted seconds of the following fits, expected fits, expected median
    [InlineData(0.05, new[] { 0.2, 0.04, 0.06, 0.07, 9.0 }, 5, 0.06)]   // sub-second: five fits, the median of five
    [InlineData(0.4, new[] { 0.3, 0.5, 9.0 }, 3, 0.4)]                  // 0.4 + 0.3 + 0.5 ≥ 1 s after three fits
    [InlineData(1.8, new[] { 0.02, 0.03, 9.0 }, 3, 0.03)]               // one slow fit of a fast trainer is outvoted
    [InlineData(0.6, new[] { 0.1, 0.2, 0.3, 9.0 }, 4, 0.25)]            // an even count: the mean of the middle two
    [InlineData(5.0, new[] { 9.0 }, 1, 5.0)]                            // a long fit is timed once
    public void MedianSeconds_FitsUntilThreeAndOneSecondOrFive_ReportsTheMedianPerFit(double first, double[] next, int expectedFits, double expectedMedian)
    {
        int fits = 1;
        double median = FitTiming.MedianSeconds(first, () => next[fits++ - 1]);

        Assert.Equal(expectedFits, fits);
        Assert.Equal(expectedMedian, median, 12);
    }

    [Fact]
    public void MedianSeconds_PreparedFits_PrepareEachRepeatOutsideTheTimedPart()
    {
        int prepared = 0, run = 0;
        var seconds = FitTiming.Seconds(0.0, () => { prepared++; return () => run++; });

        Assert.Equal(FitTiming.MaximumFits, seconds.Count);

        Assert.Equal(FitTiming.MaximumFits - 1, prepared);
        Assert.Equal(prepared, run);
    }
}
