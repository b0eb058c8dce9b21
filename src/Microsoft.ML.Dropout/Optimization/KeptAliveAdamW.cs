using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>
/// TorchSharp's <see cref="AdamW"/> with the same update, op for op (so the same bits), but with every scalar
/// argument created explicitly and kept alive until its op returns (<see cref="AdamMoments"/>).
/// AMSGrad and maximize are not used by the trainer and are refused.
/// </summary>
internal sealed class KeptAliveAdamW(IEnumerable<AdamW.ParamGroup> groups, double lr, double beta1, double beta2)
    : AdamW(groups, lr, beta1, beta2)
{
    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var o = (Options)group.Options;
        AdamMoments.StepGroup(group.Parameters, AdamSettings.Read(o.amsgrad, o.maximize, o.beta1, o.beta2, o.weight_decay, o.eps, o.LearningRate),
            decoupledDecay: true, p => { var state = (State)_state[p.Handle]; state.step += 1; return (state.exp_avg, state.exp_avg_sq, state.step); });
    }, closure);
}
