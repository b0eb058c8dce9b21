namespace Microsoft.ML.Dropout.Schedules;

/// <summary>
/// Step decay per epoch: η·γ^⌊epoch / epochsPerDecay⌋ with epoch = ⌊step / stepsPerEpoch⌋. The trainer uses
/// γ = 0.1 and epochsPerDecay = ⌈MaxEpochs/3⌉ (×0.1 after each third of the run).
/// </summary>
public sealed class StepDecayLearningRateSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="baseRate">Initial rate η &gt; 0.</param>
    /// <param name="stepsPerEpoch">Optimizer steps per epoch ≥ 1.</param>
    /// <param name="epochsPerDecay">Epochs between decays ≥ 1.</param>
    /// <param name="gamma">Factor per decay in (0, 1]. Default 0.1.</param>
    public StepDecayLearningRateSchedule(double baseRate, int stepsPerEpoch, int epochsPerDecay, double gamma = 0.1)
    {
        BaseRate = OptionGuard.Positive(baseRate, "LearningRate");
        StepsPerEpoch = OptionGuard.AtLeast(stepsPerEpoch, 1, nameof(stepsPerEpoch));
        EpochsPerDecay = OptionGuard.AtLeast(epochsPerDecay, 1, nameof(epochsPerDecay));
        OptionGuard.Positive(gamma, nameof(gamma));
        Gamma = OptionGuard.InRange(gamma, 0, 1, nameof(gamma));
    }

    /// <summary>Initial rate η.</summary>
    public double BaseRate { get; }
    /// <summary>Optimizer steps per epoch.</summary>
    public int StepsPerEpoch { get; }
    /// <summary>Epochs between decays.</summary>
    public int EpochsPerDecay { get; }
    /// <summary>Factor applied at each decay.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public double LearningRateAt(int step) => BaseRate * Math.Pow(Gamma, step / StepsPerEpoch / EpochsPerDecay);
}
