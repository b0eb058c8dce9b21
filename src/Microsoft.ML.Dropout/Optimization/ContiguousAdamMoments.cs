using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>
/// Adam's first and second moments for <see cref="ContiguousParameters"/>, in two buffers with the same layout, so a
/// parameter group's update is one operation per stage over its slices (<see cref="AdamMoments.StepContiguous"/>)
/// instead of about eight per parameter. The optimizer's per-parameter state tensors are re-pointed at their slices,
/// so the state it reports is the state it uses.
/// </summary>
internal sealed class ContiguousAdamMoments : IDisposable
{
    private readonly Dictionary<ParamGroup, Slice> _slices = new(ReferenceEqualityComparer.Instance);
    private readonly AdamStateAccess _state;

    /// <summary>A parameter group's slices of the parameter, gradient and moment buffers, and its parameters.</summary>
    internal sealed record Slice(Tensor Values, Tensor Gradients, Tensor ExpAvg, Tensor ExpAvgSq, IReadOnlyList<Parameter> Parameters);

    /// <summary>Makes zeroed moment buffers for <paramref name="parameters"/> and matches the optimizer's groups to their slices.</summary>
    /// <param name="parameters">The contiguous parameters.</param>
    /// <param name="groups">The optimizer's parameter groups; a group whose parameters are exactly the decayed (or the not-decayed) parameters in order gets that slice, any other group keeps the per-parameter update.</param>
    /// <param name="state">The optimizer's per-parameter state: its moment tensors are replaced by views of the buffers (the old ones disposed).</param>
    internal ContiguousAdamMoments(ContiguousParameters parameters, IEnumerable<ParamGroup> groups, AdamStateAccess state)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _state = state;
        ExpAvg = torch.zeros_like(parameters.Values).DetachFromDisposeScope();
        ExpAvgSq = torch.zeros_like(parameters.Values).DetachFromDisposeScope();
        long offset = 0;
        for (int i = 0; i < parameters.Parameters.Count; i++)
        {
            var p = parameters.Parameters[i];
            long n = p.numel();
            using var m = ExpAvg.narrow(0, offset, n);
            using var v = ExpAvgSq.narrow(0, offset, n);
            var (oldExpAvg, oldExpAvgSq) = state.Moments(p);
            oldExpAvg.Dispose();
            oldExpAvgSq.Dispose();
            state.SetMoments(p, m.view(p.shape).DetachFromDisposeScope(), v.view(p.shape).DetachFromDisposeScope());
            offset += n;
        }
        int decayedCount = parameters.DecayedParameterCount, total = parameters.Parameters.Count;
        long decayedElements = parameters.DecayedElements, allElements = parameters.Values.numel();
        foreach (var group in groups)
        {
            var members = group.Parameters.ToArray();
            if (decayedElements > 0 && SameParameters(members, parameters.Parameters, 0, decayedCount))
                _slices[group] = MakeSlice(parameters, 0, decayedElements, members);
            else if (decayedElements < allElements && SameParameters(members, parameters.Parameters, decayedCount, total - decayedCount))
                _slices[group] = MakeSlice(parameters, decayedElements, allElements - decayedElements, members);
        }
    }

    /// <summary>First moments, laid out like <see cref="ContiguousParameters.Values"/>.</summary>
    internal Tensor ExpAvg { get; }
    /// <summary>Second moments, laid out like <see cref="ContiguousParameters.Values"/>.</summary>
    internal Tensor ExpAvgSq { get; }

    /// <summary>Group updates done as whole slices by <see cref="TryStep"/> so far.</summary>
    internal long GroupSteps { get; private set; }

    /// <summary>The group's slices, or null when the group is not one of the two contiguous groups.</summary>
    internal Slice? SliceOf(ParamGroup group) => _slices.TryGetValue(group, out var slice) ? slice : null;

    private Slice MakeSlice(ContiguousParameters parameters, long start, long length, IReadOnlyList<Parameter> members) =>
        new(Narrow(parameters.Values, start, length), Narrow(parameters.Gradients, start, length),
            Narrow(ExpAvg, start, length), Narrow(ExpAvgSq, start, length), members);

    private static Tensor Narrow(Tensor buffer, long start, long length) => buffer.narrow(0, start, length).DetachFromDisposeScope();

    /// <summary>
    /// One optimizer step for <paramref name="group"/> as whole slices (<see cref="AdamMoments.StepContiguous"/>), the
    /// step counted for each of its parameters. False, with nothing done, when the group is not one of the two
    /// contiguous groups or its parameters' step counts differ: the caller then updates it per parameter.
    /// </summary>
    internal bool TryStep(ParamGroup group, AdamSettings settings, bool decoupledDecay)
    {
        if (SliceOf(group) is not { } slice)
            return false;
        long step = _state.ReadStep(slice.Parameters[0]);
        foreach (var p in slice.Parameters)
        {
            if (_state.ReadStep(p) != step)
                return false;
        }
        foreach (var p in slice.Parameters)
            _state.CountStep(p);
        AdamMoments.StepContiguous(slice.Values, slice.Gradients, slice.ExpAvg, slice.ExpAvgSq, step + 1, settings, decoupledDecay);
        GroupSteps++;
        return true;
    }

    /// <summary>True when <paramref name="members"/> are exactly <paramref name="all"/>[start .. start + count), in order.</summary>
    private static bool SameParameters(Parameter[] members, IReadOnlyList<Parameter> all, int start, int count)
    {
        if (members.Length != count)
            return false;
        for (int i = 0; i < count; i++)
        {
            if (members[i].Handle != all[start + i].Handle)
                return false;
        }
        return true;
    }

    /// <summary>Frees the moment buffers' handles (the state views keep the storage while the optimizer lives).</summary>
    public void Dispose()
    {
        foreach (var slice in _slices.Values)
        {
            foreach (var view in new[] { slice.Values, slice.Gradients, slice.ExpAvg, slice.ExpAvgSq })
                view.Dispose();
        }
        ExpAvg.Dispose();
        ExpAvgSq.Dispose();
    }
}
