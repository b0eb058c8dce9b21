namespace Microsoft.ML.Dropout.Schedules;

/// <summary>
/// Reduce on plateau, per epoch: starts at η; after <c>patience</c> consecutive reported epoch losses without an
/// improvement (a loss below best·(1 − 1e-4)), multiplies the rate by <c>factor</c> (never below the floor) and
/// restarts counting. State lives in the instance: create one per training run.
/// </summary>
public sealed class ReduceOnPlateauLearningRateSchedule : ILearningRateSchedule
{
    private double _best = double.PositiveInfinity;
    private int _badEpochs;

    /// <summary>Creates the schedule.</summary>
    /// <param name="baseRate">Initial rate η &gt; 0.</param>
    /// <param name="patience">Epochs without improvement before a reduction, ≥ 1. The trainer uses max(2, EarlyStoppingPatience/2), or 4 without early stopping.</param>
    /// <param name="factor">Multiplier per reduction in (0, 1). Default 0.5.</param>
    /// <param name="minRate">Floor ≥ 0. Default null = η/100.</param>
    public ReduceOnPlateauLearningRateSchedule(double baseRate, int patience, double factor = 0.5, double? minRate = null)
    {
        BaseRate = OptionGuard.Positive(baseRate, "LearningRate");
        Patience = OptionGuard.AtLeast(patience, 1, nameof(patience));
        OptionGuard.Positive(factor, nameof(factor));
        Factor = OptionGuard.InRange(factor, 0, 1, nameof(factor), maxExclusive: true);
        MinRate = minRate is null ? baseRate / 100 : OptionGuard.NonNegative(minRate.Value, nameof(minRate));
        CurrentRate = BaseRate;
    }

    /// <summary>Initial rate η.</summary>
    public double BaseRate { get; }
    /// <summary>Epochs without improvement before a reduction.</summary>
    public int Patience { get; }
    /// <summary>Multiplier per reduction.</summary>
    public double Factor { get; }
    /// <summary>The rate never goes below this.</summary>
    public double MinRate { get; }
    /// <summary>The rate in force.</summary>
    public double CurrentRate { get; private set; }

    /// <inheritdoc/>
    public double LearningRateAt(int step) => CurrentRate;

    /// <inheritdoc/>
    public void ReportEpochLoss(double loss)
    {
        if (!double.IsNaN(loss) && loss < _best * (1 - 1e-4))
        {
            _best = loss;
            _badEpochs = 0;
            return;
        }
        if (++_badEpochs >= Patience)
        {
            CurrentRate = Math.Max(MinRate, CurrentRate * Factor);
            _badEpochs = 0;
        }
    }
}
