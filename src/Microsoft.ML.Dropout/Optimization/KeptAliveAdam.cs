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
        if (options.amsgrad == true || options.maximize == true)
            throw new NotSupportedException("AMSGrad and maximize are not supported by the trainer's Adam.");
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, weightDecay = options.weight_decay!.Value;
        double eps = options.eps!.Value, lr = options.LearningRate!.Value;
        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null) continue;
            state.step += 1;
            double biasCorrection1 = 1 - Math.Pow(beta1, state.step), biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            if (weightDecay != 0)
            {
                var decayed = grad;
                ScalarLifetime.With(weightDecay, s => decayed = grad.add(param, s));
                grad = decayed;
            }
            AdamMoments.Update(state.exp_avg, state.exp_avg_sq, grad, beta1, beta2, conjugate: true);
            AdamMoments.Step(param, state.exp_avg, state.exp_avg_sq, biasCorrection1, biasCorrection2, lr, eps);
        }
    }, closure);
}
