using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>
/// TorchSharp's <see cref="Adam"/> (L2 added to the gradient) with the same update, op for op, but with every scalar
/// argument kept alive until its op returns (<see cref="ScalarLifetime"/>). AMSGrad and maximize are refused.
/// </summary>
internal sealed class KeptAliveAdam(IEnumerable<Adam.ParamGroup> groups, double lr, double beta1, double beta2)
    : Adam(groups, lr, beta1, beta2)
{
    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        var settings = AdamSettings.Read(options.amsgrad, options.maximize, options.beta1, options.beta2, options.weight_decay, options.eps, options.LearningRate);
        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            if (param.grad is null) continue;
            state.step += 1;
            AdamMoments.StepParameter(param, state.exp_avg, state.exp_avg_sq, state.step, settings, decoupledDecay: false);
        }
    }, closure);
}
