using Microsoft.ML.Dropout.Schedules;
using TorchSharp.Modules;

namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>
/// Sets the weight-decay coefficient of the decayed parameter group before every optimizer step from the schedule
/// (by global step). Groups built with weight decay 0 (biases, norms, embedding frequencies, adapters) stay at 0.
/// </summary>
internal sealed class WeightDecayScheduler : ITrainingCallback
{
    private readonly IWeightDecaySchedule _schedule;

    internal WeightDecayScheduler(IWeightDecaySchedule schedule) => _schedule = schedule;

    public int Order => BuiltInCallbackOrder.First;

    public void OnBatchBegin(TrainingContext context) => Set(context.Optimizer, _schedule.WeightDecayAt(context.Step));

    /// <summary>
    /// Sets λ on every group whose λ is not 0 (the decayed group; the others were built with 0). λ = 0 is stored as
    /// the smallest positive double, so the decayed group stays recognizable (its effect is nil).
    /// </summary>
    internal static void Set(TorchSharp.torch.optim.Optimizer optimizer, double weightDecay)
    {
        foreach (var group in optimizer.ParamGroups)
            switch (group)
            {
                case AdamW.ParamGroup adamW when adamW.Options.weight_decay is > 0:
                    adamW.Options.weight_decay = Math.Max(weightDecay, double.Epsilon);
                    break;
                case Adam.ParamGroup adam when adam.Options.weight_decay is > 0:
                    adam.Options.weight_decay = Math.Max(weightDecay, double.Epsilon);
                    break;
            }
    }

    /// <summary>λ of the first group whose λ is not 0 (the decayed group), or 0.</summary>
    internal static double Get(TorchSharp.torch.optim.Optimizer optimizer) =>
        optimizer.ParamGroups.Select(g => g switch
        {
            AdamW.ParamGroup a => a.Options.weight_decay ?? 0,
            Adam.ParamGroup a => a.Options.weight_decay ?? 0,
            _ => 0,
        }).FirstOrDefault(w => w > 0);
}
