using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>
/// TorchSharp's <see cref="AdamW"/> with the same update, op for op (so the same bits), but with every scalar
/// argument created explicitly and kept alive until its op returns (<see cref="ScalarLifetime"/>).
/// AMSGrad and maximize are not used by the trainer and are refused.
/// </summary>
internal sealed class KeptAliveAdamW(IEnumerable<AdamW.ParamGroup> groups, double lr, double beta1, double beta2)
    : AdamW(groups, lr, beta1, beta2)
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
            AdamMoments.StepParameter(param, state.exp_avg, state.exp_avg_sq, state.step, settings, decoupledDecay: true);
        }
    }, closure);
}
