using Microsoft.ML.Dropout.Schedules;

namespace Microsoft.ML.Dropout.Tests.Schedules;

public class DropoutScheduleTests
{
    private static readonly IDropoutSchedule[] AllSchedules =
    {
        new ConstantDropoutSchedule(),
        new LinearRampDropoutSchedule(),
        new LinearRampDropoutSchedule(0, 1),
        new StepDropoutSchedule(3),
        new StepDropoutSchedule(2, 0.5, 1),
        new CosineDropoutSchedule(),
        new CosineDropoutSchedule(0.5),
        new CurriculumDropoutSchedule(),
        new CurriculumDropoutSchedule(0.3),
    };

    [Theory]
    [InlineData(0, 50, 0.3)]
    [InlineData(49, 50, 0.3)]
    [InlineData(200, 50, 0.3)]
    [InlineData(0, 1, 0.999)]
    public void ConstantDropoutSchedule_AnyEpoch_ReturnsTarget(int epoch, int total, double target) =>
        Assert.Equal(target, new ConstantDropoutSchedule().RateAt(epoch, total, target));

    [Theory]
    // Default: 1/3 of the target at epoch 0, the target at round(0.5·total).
    [InlineData(1.0 / 3, 0.5, 0, 50, 0.3, 0.1)]
    [InlineData(1.0 / 3, 0.5, 12, 50, 0.3, 0.196)]
    [InlineData(1.0 / 3, 0.5, 25, 50, 0.3, 0.3)]
    [InlineData(1.0 / 3, 0.5, 49, 50, 0.3, 0.3)]
    [InlineData(1.0 / 3, 0.5, 2, 5, 0.3, 0.1 + 0.2 * 2 / 3.0)] // round(2.5) = 3 (away from zero)
    [InlineData(0, 0.5, 0, 10, 0.5, 0.0)]
    [InlineData(0, 0.5, 1, 10, 0.5, 0.1)]
    [InlineData(0, 0.5, 5, 10, 0.5, 0.5)]
    [InlineData(0.5, 0, 0, 10, 0.4, 0.4)] // no ramp
    [InlineData(1.0 / 3, 0.5, 0, 1, 0.3, 0.1)] // round(0.5) = 1
    public void LinearRampDropoutSchedule_Epoch_GivesDocumentedRate(double start, double ramp, int epoch, int total, double target, double expected)
    {
        Assert.Equal(expected, new LinearRampDropoutSchedule(start, ramp).RateAt(epoch, total, target), 10);
    }

    [Theory]
    [InlineData(3, 2.0, 0.25, 0, 0.4, 0.1)]
    [InlineData(3, 2.0, 0.25, 2, 0.4, 0.1)]
    [InlineData(3, 2.0, 0.25, 3, 0.4, 0.2)]
    [InlineData(3, 2.0, 0.25, 6, 0.4, 0.4)]
    [InlineData(3, 2.0, 0.25, 30, 0.4, 0.4)] // capped at the target
    [InlineData(2, 0.5, 1.0, 0, 0.4, 0.4)] // annealing down
    [InlineData(2, 0.5, 1.0, 5, 0.4, 0.1)]
    public void StepDropoutSchedule_Epoch_GivesDocumentedRate(int step, double factor, double start, int epoch, double target, double expected) =>
        Assert.Equal(expected, new StepDropoutSchedule(step, factor, start).RateAt(epoch, 20, target), 10);

    [Theory]
    [InlineData(0.0, 0, 11, 0.4, 0.0)]
    [InlineData(0.0, 5, 11, 0.4, 0.2)] // halfway: (1 − cos π/2)/2 = 0.5
    [InlineData(0.0, 10, 11, 0.4, 0.4)]
    [InlineData(0.5, 0, 11, 0.4, 0.2)]
    [InlineData(0.5, 5, 11, 0.4, 0.3)]
    [InlineData(0.0, 0, 1, 0.4, 0.4)] // single epoch
    [InlineData(0.0, 20, 11, 0.4, 0.4)] // past the plan
    public void CosineDropoutSchedule_Epoch_GivesDocumentedRate(double start, int epoch, int total, double target, double expected) =>
        Assert.Equal(expected, new CosineDropoutSchedule(start).RateAt(epoch, total, target), 10);

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.5)]
    [InlineData(2, 0.75)]
    [InlineData(10, 1 - 1.0 / 1024)]
    public void CurriculumDropoutSchedule_FixedGamma_FollowsTargetTimesOneMinusExp(int epoch, double expectedFractionOfTarget)
    {
        var schedule = new CurriculumDropoutSchedule(Math.Log(2)); // exp(−γ) = 1/2
        Assert.Equal(0.5 * expectedFractionOfTarget, schedule.RateAt(epoch, 10, 0.5), 10);
    }

    [Fact]
    public void CurriculumDropoutSchedule_DefaultGamma_ReachesAbout99PercentAtTheEnd()
    {
        var schedule = new CurriculumDropoutSchedule();
        Assert.Equal(0.0, schedule.RateAt(0, 40, 0.3));
        Assert.Equal(0.3 * (1 - Math.Exp(-5.0 * 20 / 40)), schedule.RateAt(20, 40, 0.3), 12);
        Assert.Equal(0.3 * (1 - Math.Exp(-5.0)), schedule.RateAt(40, 40, 0.3), 12);
    }

    [Fact]
    public void AllSchedules_AnyEpochAndTarget_StayInZeroToTarget()
    {
        foreach (var schedule in AllSchedules)
            foreach (int total in new[] { 1, 2, 7, 50 })
                foreach (double target in new[] { 0.0, 0.1, 0.5, 0.99 })
                    for (int epoch = 0; epoch <= total + 3; epoch++)
                    {
                        double rate = schedule.RateAt(epoch, total, target);
                        Assert.InRange(rate, 0.0, target);
                        Assert.True(rate < 1.0);
                    }
    }

    [Fact]
    public void RateAt_InvalidArguments_ThrowNamingArgumentRangeAndValue()
    {
        var schedule = new LinearRampDropoutSchedule();
        var epoch = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.RateAt(-1, 10, 0.3));
        Assert.StartsWith("Invalid value for option 'epoch': expected an integer ≥ 0. Received: -1.", epoch.Message);
        var total = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.RateAt(0, 0, 0.3));
        Assert.StartsWith("Invalid value for option 'totalEpochs': expected an integer ≥ 1. Received: 0.", total.Message);
        var target = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.RateAt(0, 10, 1.0));
        Assert.StartsWith("Invalid value for option 'targetRate': expected a value in [0, 1). Received: 1.", target.Message);
    }

    [Fact]
    public void Constructors_InvalidArguments_ThrowNamingArgumentRangeAndValue()
    {
        var ramp = Assert.Throws<ArgumentOutOfRangeException>(() => new LinearRampDropoutSchedule(1.5));
        Assert.StartsWith("Invalid value for option 'startFraction': expected a value in [0, 1]. Received: 1.5.", ramp.Message);
        var rampFraction = Assert.Throws<ArgumentOutOfRangeException>(() => new LinearRampDropoutSchedule(0.2, -0.1));
        Assert.StartsWith("Invalid value for option 'rampFraction': expected a value in [0, 1]. Received: -0.1.", rampFraction.Message);
        var step = Assert.Throws<ArgumentOutOfRangeException>(() => new StepDropoutSchedule(0));
        Assert.StartsWith("Invalid value for option 'stepEpochs': expected an integer ≥ 1. Received: 0.", step.Message);
        var factor = Assert.Throws<ArgumentOutOfRangeException>(() => new StepDropoutSchedule(2, 0));
        Assert.StartsWith("Invalid value for option 'factor': expected a finite value > 0. Received: 0.", factor.Message);
        var cosine = Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDropoutSchedule(2));
        Assert.StartsWith("Invalid value for option 'startFraction': expected a value in [0, 1]. Received: 2.", cosine.Message);
        var gamma = Assert.Throws<ArgumentOutOfRangeException>(() => new CurriculumDropoutSchedule(-1));
        Assert.StartsWith("Invalid value for option 'gamma': expected a finite value > 0. Received: -1.", gamma.Message);
    }
}
