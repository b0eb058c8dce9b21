using MLNetRegularization.Bench.Quality.Suite;

namespace MLNetRegularization.Bench.Quality.Tests;

public class OptionsCandidatesTests
{
    [Fact]
    public void All_NamesAreUniqueCacheKeys() =>
        Assert.Equal(OptionsCandidates.All.Count, OptionsCandidates.All.Select(c => c.Name.ToLowerInvariant()).Distinct().Count());

    [Theory]
    [InlineData(96, 16)]
    [InlineData(400, 32)]
    [InlineData(2_000, 128)]
    [InlineData(3_000, 256)]
    [InlineData(30_000, 256)]
    public void BatchByRule_IsThePowerOfTwoBelowATenthOfTheRowsWithinSixteenTo256(long rows, int expected) =>
        Assert.Equal(expected, OptionsCandidates.BatchByRule(rows));
}
