using Microsoft.ML.Dropout.Modules;
using Microsoft.ML.Dropout.Optimization;
using Microsoft.ML.Dropout.Schedules;
using Microsoft.ML.Dropout.Training;
using Microsoft.ML.Dropout.Training.Callbacks;
using TorchSharp.Modules;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>
/// The RealMLP-TD options reach the loop (issue 10): coslog4 learning rate, flat-then-cosine weight decay and dropout,
/// Adam's β₂. Each test fails when that option's wiring is removed.
/// </summary>
[Collection("Sequential")]
public class RealMlpOptionsWiringTests
{
    /// <summary>What the optimizer holds at every step's start: learning rate, decayed group's λ, other groups' λ, β₂.</summary>
    private sealed class OptimizerProbe : ITrainingCallback
    {
        public List<(int Step, double Rate, double Decay, double OtherDecay, double Beta2)> Steps { get; } = new();
        public Dictionary<int, double[]> DropoutRates { get; } = new();
        public int Order => 1;
        public void OnBatchBegin(TrainingContext context)
        {
            var groups = context.Optimizer.ParamGroups.Cast<AdamW.ParamGroup>().ToArray();
            Steps.Add((context.Step, OptimizerFactory.GetLearningRate(context.Optimizer), WeightDecayScheduler.Get(context.Optimizer),
                groups[1].Options.weight_decay ?? double.NaN, groups[0].Options.beta2 ?? double.NaN));
            if (context.Batch == 0)
                DropoutRates[context.Epoch] = context.Model.modules().OfType<IDropoutSite>().Select(s => s.Rate).ToArray();
        }
    }

    private static OptimizerProbe Fit(Action<MlpClassificationOptions> configure)
    {
        var options = TrainerTestOptions.Small(maxEpochs: 5);
        options.EarlyStoppingPatience = null;
        configure(options);
        var probe = new OptimizerProbe();
        options.Callbacks.Add(probe);
        new MlpTrainer(options, TrainingTask.Of(TaskKind.MulticlassClassification, 4)).Fit(SyntheticData.FourClass(120, 12, 4, seed: 51));
        return probe;
    }

    [Fact]
    public void Fit_CosLog4_EveryStepUsesTheCosLogRate()
    {
        var probe = Fit(o => o.LearningRateSchedule = LearningRateScheduleKind.CosLog4);
        var schedule = new CosLogLearningRate(1e-2, probe.Steps.Count, cycles: 4);
        foreach (var s in probe.Steps)
            Assert.Equal(schedule.LearningRateAt(s.Step), s.Rate, 12);
        Assert.Equal(0, probe.Steps[0].Rate);
    }

    [Fact]
    public void Fit_FlatCosineWeightDecay_DecayedGroupFollowsTheScheduleOthersStayZero()
    {
        var probe = Fit(o => { o.WeightDecay = 0.05; o.WeightDecaySchedule = WeightDecayScheduleKind.FlatCosine; });
        var schedule = new FlatCosineWeightDecay(0.05, probe.Steps.Count);
        foreach (var s in probe.Steps)
        {
            Assert.Equal(Math.Max(schedule.WeightDecayAt(s.Step), double.Epsilon), s.Decay, 12);
            Assert.Equal(0, s.OtherDecay);
        }
        Assert.True(probe.Steps[^1].Decay < 0.01, $"last step's λ {probe.Steps[^1].Decay}");
    }

    [Fact]
    public void Fit_ConstantWeightDecay_IsTheDefaultAndStaysPut()
    {
        var probe = Fit(o => o.WeightDecay = 0.05);
        Assert.All(probe.Steps, s => Assert.Equal(0.05, s.Decay));
    }

    [Fact]
    public void Fit_AdamBeta2_ReachesTheOptimizer()
    {
        Assert.All(Fit(o => o.AdamBeta2 = 0.95).Steps, s => Assert.Equal(0.95, s.Beta2));
        Assert.Equal(Defaults.AdamBeta2, new MlpClassificationOptions().AdamBeta2);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    public void AdamBeta2_OutsideTheOpenUnitInterval_IsRefusedWithTheOptionAndRange(double beta2)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MlpClassificationOptions { AdamBeta2 = beta2 });
        Assert.Contains("AdamBeta2", error.Message);
        Assert.Contains("(0, 1)", error.Message);
    }

    [Fact]
    public void Fit_FlatCosineDropoutSchedule_EveryEpochUsesItsRate()
    {
        var probe = Fit(o => o.DropoutSchedule = new FlatCosineDropoutSchedule());
        var schedule = new FlatCosineDropoutSchedule();
        foreach (var (epoch, rates) in probe.DropoutRates)
            Assert.All(rates, r => Assert.Equal(schedule.RateAt(epoch - 1, 5, 0.3), r, 12));
        Assert.NotEqual(probe.DropoutRates[1][0], probe.DropoutRates[5][0]);
    }
}
