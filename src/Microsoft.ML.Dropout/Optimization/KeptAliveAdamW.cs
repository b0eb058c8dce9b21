using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>
/// TorchSharp's <see cref="AdamW"/> with the same update, op for op, but with every scalar argument created explicitly
/// and kept alive until its op returns (<see cref="AdamMoments"/>), and — once <see cref="UseContiguous"/> is called —
/// one update per parameter group over contiguous buffers (<see cref="ContiguousAdamMoments"/>).
/// AMSGrad and maximize are not used by the trainer and are refused.
/// </summary>
internal sealed class KeptAliveAdamW(IEnumerable<AdamW.ParamGroup> groups, double lr, double beta1, double beta2)
    : AdamW(groups, lr, beta1, beta2)
{
    private ContiguousAdamMoments? _contiguous;

    /// <summary>Updates the groups laid out in <paramref name="parameters"/> as whole slices from now on (call before the first step).</summary>
    internal void UseContiguous(ContiguousParameters parameters) =>
        _contiguous = new ContiguousAdamMoments(parameters, _parameter_groups, new AdamStateAccess(
            p => StateOf(p).step, p => StateOf(p).step += 1, p => (StateOf(p).exp_avg, StateOf(p).exp_avg_sq), (p, m, v) => (StateOf(p).exp_avg, StateOf(p).exp_avg_sq) = (m, v)));

    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var o = (Options)group.Options;
        var settings = AdamSettings.Read(o.amsgrad, o.maximize, o.beta1, o.beta2, o.weight_decay, o.eps, o.LearningRate);
        if (_contiguous?.TryStep(group, settings, decoupledDecay: true) != true)
            AdamMoments.StepGroup(group.Parameters, settings, decoupledDecay: true,
                p => { var state = StateOf(p); state.step += 1; return (state.exp_avg, state.exp_avg_sq, state.step); });
    }, closure);

    private State StateOf(Parameter p) => (State)_state[p.Handle];

    /// <summary>Group updates done as whole slices so far (0 without <see cref="UseContiguous"/>).</summary>
    internal long ContiguousGroupSteps => _contiguous?.GroupSteps ?? 0;

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _contiguous?.Dispose();
        base.Dispose(disposing);
    }
}
