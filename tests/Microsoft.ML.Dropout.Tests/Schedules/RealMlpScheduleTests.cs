using Microsoft.ML.Dropout.Schedules;

namespace Microsoft.ML.Dropout.Tests.Schedules;

public class RealMlpScheduleTests
{
    // coslog4 over 1500 steps: t = s/1500, position log₂(1 + 15t); peaks where the position is k + ½, zeros at integers.
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(100, 0.0)]                   // t = 1/15: position 1
    [InlineData(300, 0.0)]                   // t = 3/15: position 2
    [InlineData(700, 0.0)]                   // t = 7/15: position 3
    [InlineData(1500, 0.0)]                  // end: position 4
    [InlineData(41.4213562373095, 1.0)]      // position ½: t = (√2 − 1)/15 → peak (checked at a fractional step below)
    [InlineData(50, 0.930430970431205)]      // t = 1/30: position log₂(1.5) = 0.585; ½(1 − cos 2π·0.585)
    [InlineData(3000, 0.0)]                  // beyond the plan
    public void CosLog4_Steps_MatchPytabkitFormula(double step, double expected)
    {
        var schedule = new CosLogLearningRate(2.0, totalSteps: 1500);
        if (step % 1 != 0)
        {
            // a fractional step cannot be asked for: check the formula's peak through 100 × as many steps.
            var fine = new CosLogLearningRate(2.0, totalSteps: 150000);
            Assert.Equal(2.0 * expected, fine.LearningRateAt((int)Math.Round(step * 100)), 6);
            return;
        }
        double t = step / 1500, position = Math.Log2(1 + 15 * Math.Min(t, 1));
        Assert.Equal(2.0 * 0.5 * (1 - Math.Cos(2 * Math.PI * position)), schedule.LearningRateAt((int)step), 12);
        Assert.Equal(2.0 * expected, schedule.LearningRateAt((int)step), 6);
    }

    [Theory]
    [InlineData(0, 0.2)]
    [InlineData(4, 0.2)]
    [InlineData(5, 0.2)]                     // t = 0.5: still flat
    [InlineData(6, 0.18090169943749476)]     // u = 0.2: ½(1 + cos 0.2π)·0.2
    [InlineData(8, 0.06909830056250527)]     // u = 0.6
    [InlineData(9, 0.019098300562505267)]    // u = 0.8
    public void FlatCosineDropout_TenEpochs_FlatHalfThenCosine(int epoch, double expected) =>
        Assert.Equal(expected, new FlatCosineDropoutSchedule().RateAt(epoch, 10, 0.2), 12);

    [Theory]
    [InlineData(0, 0.02)]
    [InlineData(500, 0.02)]
    [InlineData(750, 0.01)]                  // halfway down the cosine
    [InlineData(1000, 0.0)]
    [InlineData(2000, 0.0)]
    public void FlatCosineWeightDecay_Steps_FlatHalfThenCosine(int step, double expected) =>
        Assert.Equal(expected, new FlatCosineWeightDecay(0.02, totalSteps: 1000).WeightDecayAt(step), 12);

    [Fact]
    public void FlatCosineDropout_FlatFractionOutOfRange_ThrowsNamingIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new FlatCosineDropoutSchedule(1.5));
        Assert.StartsWith("Invalid value for option 'flatFraction': expected a value in [0, 1]. Received: 1.5.", e.Message);
    }
}
