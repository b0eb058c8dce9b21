namespace Microsoft.ML.Dropout.Schedules;

/// <summary>Turns a <see cref="LearningRateScheduleKind"/> and the run's shape into an <see cref="ILearningRateSchedule"/>.</summary>
public static class LearningRateScheduleFactory
{
    /// <summary>Creates a new schedule (a fresh instance per run: <see cref="ReduceOnPlateauLearningRateSchedule"/> has state).</summary>
    /// <param name="kind">Which schedule.</param>
    /// <param name="baseRate">Base (peak) rate &gt; 0.</param>
    /// <param name="maxEpochs">Planned epochs ≥ 1.</param>
    /// <param name="stepsPerEpoch">Optimizer steps per epoch ≥ 1.</param>
    /// <param name="warmupEpochs">Warm-up epochs for <see cref="LearningRateScheduleKind.WarmupCosine"/>, in [0, maxEpochs).</param>
    /// <param name="plateauPatience">Patience for <see cref="LearningRateScheduleKind.ReduceOnPlateau"/>, ≥ 1.</param>
    public static ILearningRateSchedule Create(LearningRateScheduleKind kind, double baseRate, int maxEpochs, int stepsPerEpoch, int warmupEpochs, int plateauPatience)
    {
        OptionGuard.AtLeast(maxEpochs, 1, "MaxEpochs");
        OptionGuard.AtLeast(stepsPerEpoch, 1, nameof(stepsPerEpoch));
        int total = checked(maxEpochs * stepsPerEpoch);
        return OptionGuard.Defined(kind, "LearningRateSchedule") switch
        {
            LearningRateScheduleKind.Constant => new ConstantLearningRateSchedule(baseRate),
            LearningRateScheduleKind.WarmupCosine => new WarmupCosineLearningRateSchedule(baseRate, checked(warmupEpochs * stepsPerEpoch), total),
            LearningRateScheduleKind.OneCycle => total >= 2 ? new OneCycleLearningRateSchedule(baseRate, total) : new ConstantLearningRateSchedule(baseRate),
            LearningRateScheduleKind.CosLog4 => new CosLogLearningRate(baseRate, total, cycles: 4),
            LearningRateScheduleKind.Step => new StepDecayLearningRateSchedule(baseRate, stepsPerEpoch, (maxEpochs + 2) / 3),
            _ => new ReduceOnPlateauLearningRateSchedule(baseRate, plateauPatience),
        };
    }
}
