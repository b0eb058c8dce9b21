using Microsoft.ML.Dropout.Schedules;

namespace Microsoft.ML.Dropout.Tests.Schedules;

public class LearningRateScheduleTests
{
    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 1.0)]
    [InlineData(2, 1.0)]
    [InlineData(6, 0.505)]
    [InlineData(10, 0.01)]
    [InlineData(50, 0.01)]
    public void WarmupCosine_Steps_MatchFormula(int step, double expected)
        => Assert.Equal(expected, new WarmupCosineLearningRateSchedule(1.0, warmupSteps: 2, totalSteps: 10).LearningRateAt(step), 9);

    [Theory]
    [InlineData(0, 0.04)]
    [InlineData(1, 0.52)]
    [InlineData(2, 1.0)]
    [InlineData(9, 4e-6)]
    public void OneCycle_Steps_MatchPyTorchOneCycle(int step, double expected)
        => Assert.Equal(expected, new OneCycleLearningRateSchedule(1.0, totalSteps: 10).LearningRateAt(step), 9);

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(29, 1.0)]
    [InlineData(30, 0.1)]
    [InlineData(59, 0.1)]
    [InlineData(60, 0.01)]
    public void StepDecay_EveryThreeEpochs_MultipliesByGamma(int step, double expected)
        => Assert.Equal(expected, new StepDecayLearningRateSchedule(1.0, stepsPerEpoch: 10, epochsPerDecay: 3).LearningRateAt(step), 9);

    [Theory]
    [InlineData(new[] { 1.0, 0.9, 0.8 }, 1.0)]
    [InlineData(new[] { 1.0, 0.9, 0.95, 0.96 }, 0.5)]
    [InlineData(new[] { 1.0, 1.0, 1.0, 1.0, 1.0 }, 0.25)]
    [InlineData(new[] { 1.0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 }, 0.01)]
    public void ReduceOnPlateau_Losses_HalvesAfterPatienceDownToFloor(double[] losses, double expected)
    {
        var schedule = new ReduceOnPlateauLearningRateSchedule(1.0, patience: 2);
        foreach (var l in losses)
            schedule.ReportEpochLoss(l);
        Assert.Equal(expected, schedule.LearningRateAt(0), 9);
    }

    [Theory]
    [InlineData(30, 9, 1.0)]
    [InlineData(30, 10, 0.1)]
    [InlineData(50, 16, 1.0)]
    [InlineData(50, 17, 0.1)]
    [InlineData(50, 34, 0.01)]
    public void Factory_Step_DecaysAfterEachThirdOfMaxEpochs(int maxEpochs, int epoch, double expected)
    {
        var schedule = LearningRateScheduleFactory.Create(LearningRateScheduleKind.Step, 1.0, maxEpochs, stepsPerEpoch: 4, warmupEpochs: 0, plateauPatience: 2);
        Assert.Equal(expected, schedule.LearningRateAt(epoch * 4), 9);
    }

    [Fact]
    public void Factory_WarmupCosine_WarmsUpOverWarmupEpochs()
    {
        var schedule = LearningRateScheduleFactory.Create(LearningRateScheduleKind.WarmupCosine, 0.01, maxEpochs: 10, stepsPerEpoch: 5, warmupEpochs: 2, plateauPatience: 2);
        Assert.Equal(0.001, schedule.LearningRateAt(0), 9);
        Assert.Equal(0.01, schedule.LearningRateAt(9), 9);
        Assert.Equal(0.01, schedule.LearningRateAt(10), 9);
        Assert.Equal(0.0001, schedule.LearningRateAt(50), 9);
        Assert.IsType<ConstantLearningRateSchedule>(LearningRateScheduleFactory.Create(LearningRateScheduleKind.Constant, 0.01, 10, 5, 2, 2));
    }
}
