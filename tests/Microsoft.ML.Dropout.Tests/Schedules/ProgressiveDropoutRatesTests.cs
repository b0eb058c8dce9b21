using Microsoft.ML.Dropout.Schedules;

namespace Microsoft.ML.Dropout.Tests.Schedules;

public class ProgressiveDropoutRatesTests
{
    [Theory]
    [InlineData(new[] { 256, 128 }, 0.4, new[] { 0.4, 0.2 })]
    [InlineData(new[] { 512, 512, 512 }, 0.4, new[] { 0.4, 0.35, 0.3 })]
    [InlineData(new[] { 64 }, 0.3, new[] { 0.3 })]
    [InlineData(new[] { 100, 200 }, 0.2, new[] { 0.15, 0.15 })]
    public void For_Widths_GivesDocumentedRates(int[] widths, double maxRate, double[] expected)
    {
        var rates = ProgressiveDropoutRates.For(widths, maxRate);
        Assert.Equal(expected.Length, rates.Count);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], rates[i], 12);
    }

    [Fact]
    public void For_DecreasingWidths_RatesDecreaseAndStayBelowMax()
    {
        var rates = ProgressiveDropoutRates.For(new[] { 1024, 512, 256, 128 }, 0.5);
        for (int i = 1; i < rates.Count; i++)
            Assert.True(rates[i] < rates[i - 1]);
        Assert.All(rates, r => Assert.InRange(r, 0.5 / 4, 0.5));
    }

    [Fact]
    public void For_InvalidArguments_ThrowWithMessage()
    {
        var rate = Assert.Throws<ArgumentOutOfRangeException>(() => ProgressiveDropoutRates.For(new[] { 8 }, 1.0));
        Assert.StartsWith("Invalid value for option 'maxRate': expected a value in [0, 1). Received: 1.", rate.Message);
        var empty = Assert.Throws<ArgumentOutOfRangeException>(() => ProgressiveDropoutRates.For(Array.Empty<int>(), 0.3));
        Assert.StartsWith("Invalid value for option 'hiddenLayers': expected at least one hidden layer. Received: [].", empty.Message);
    }
}
