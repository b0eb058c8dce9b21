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
        if (options.amsgrad == true || options.maximize == true)
            throw new NotSupportedException("AMSGrad and maximize are not supported by the trainer's AdamW.");
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, weightDecay = options.weight_decay!.Value;
        double eps = options.eps!.Value, lr = options.LearningRate!.Value;
        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null) continue;
            state.step += 1;
            ScalarLifetime.With(1 - lr * weightDecay, s => param.mul_(s));
            double biasCorrection1 = 1 - Math.Pow(beta1, state.step), biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            AdamMoments.Update(state.exp_avg, state.exp_avg_sq, grad, beta1, beta2, conjugate: false);
            AdamMoments.Step(param, state.exp_avg, state.exp_avg_sq, biasCorrection1, biasCorrection2, lr, eps);
        }
    }, closure);
}
