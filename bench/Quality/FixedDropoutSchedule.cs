using Microsoft.ML.Dropout.Schedules;

namespace MLNetRegularization.Bench.Quality;

/// <summary>The configured rate in every epoch (the ablation's dropout rows use no ramp).</summary>
internal sealed class FixedDropoutSchedule : IDropoutSchedule
{
    public double RateAt(int epoch, int totalEpochs, double targetRate) => targetRate;
}
