using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>
/// TorchSharp's <see cref="Adam"/> (L2 added to the gradient) with the same update, op for op, but with every scalar
/// argument kept alive until its op returns (<see cref="AdamMoments"/>). AMSGrad and maximize are refused.
/// </summary>
internal sealed class KeptAliveAdam(IEnumerable<Adam.ParamGroup> groups, double lr, double beta1, double beta2)
    : Adam(groups, lr, beta1, beta2)
{
    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var o = (Options)group.Options;
        AdamMoments.StepGroup(group.Parameters, AdamSettings.Read(o.amsgrad, o.maximize, o.beta1, o.beta2, o.weight_decay, o.eps, o.LearningRate),
            decoupledDecay: false, p => { var state = (State)_state[p.Handle]; state.step += 1; return (state.exp_avg, state.exp_avg_sq, state.step); });
    }, closure);
}
