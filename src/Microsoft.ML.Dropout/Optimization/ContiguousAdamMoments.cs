using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>
/// Adam's first and second moments for <see cref="ContiguousParameters"/>, in two buffers with the same layout, so a
/// parameter group's update is one operation per stage and chunk of its slices (<see cref="AdamMoments.StepContiguous"/>)
/// instead of about eight per parameter. The optimizer's per-parameter state tensors are re-pointed at their slices,
/// so the state it reports is the state it uses.
/// </summary>
internal sealed class ContiguousAdamMoments : IDisposable
{
    private readonly Dictionary<ParamGroup, Slice> _slices = new(ReferenceEqualityComparer.Instance);

    /// <summary>A parameter group's slices of the parameter, gradient and moment buffers, in chunks (<see cref="ContiguousParameters.Chunks"/>), and its parameters.</summary>
    internal sealed record Slice(Tensor[] Values, Tensor[] Gradients, Tensor[] ExpAvg, Tensor[] ExpAvgSq, IReadOnlyList<Parameter> Parameters);

    /// <summary>Makes zeroed moment buffers for <paramref name="parameters"/> and matches the optimizer's groups to their slices.</summary>
    /// <param name="parameters">The contiguous parameters.</param>
    /// <param name="groups">The optimizer's parameter groups; a group whose parameters are exactly the decayed (or the not-decayed) parameters in order gets that slice, any other group keeps the per-parameter update.</param>
    /// <param name="rebindState">Replaces the optimizer's state tensors of a parameter with the given moment views (the caller disposes the old ones).</param>
    internal ContiguousAdamMoments(ContiguousParameters parameters, IEnumerable<ParamGroup> groups,
        Action<Parameter, Tensor, Tensor> rebindState)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ExpAvg = torch.zeros_like(parameters.Values).DetachFromDisposeScope();
        ExpAvgSq = torch.zeros_like(parameters.Values).DetachFromDisposeScope();
        long offset = 0;
        for (int i = 0; i < parameters.Parameters.Count; i++)
        {
            var p = parameters.Parameters[i];
            long n = p.numel();
            using var m = ExpAvg.narrow(0, offset, n);
            using var v = ExpAvgSq.narrow(0, offset, n);
            rebindState(p, m.view(p.shape).DetachFromDisposeScope(), v.view(p.shape).DetachFromDisposeScope());
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

    /// <summary>The group's slices, or null when the group is not one of the two contiguous groups.</summary>
    internal Slice? SliceOf(ParamGroup group) => _slices.TryGetValue(group, out var slice) ? slice : null;

    private Slice MakeSlice(ContiguousParameters parameters, long start, long length, IReadOnlyList<Parameter> members) =>
        new(parameters.Chunks(parameters.Values, start, length), parameters.Chunks(parameters.Gradients, start, length),
            parameters.Chunks(ExpAvg, start, length), parameters.Chunks(ExpAvgSq, start, length), members);

    /// <summary>
    /// Counts one step for every parameter of a slice; returns their common step count after it, or null (and counts
    /// nothing) when their counts differ — the slice is then updated per parameter, as before.
    /// </summary>
    internal static long? AdvanceTogether(IReadOnlyList<Parameter> parameters, Func<Parameter, long> readStep, Action<Parameter> countStep)
    {
        long step = readStep(parameters[0]);
        foreach (var p in parameters)
        {
            if (readStep(p) != step)
                return null;
        }
        foreach (var p in parameters)
            countStep(p);
        return step + 1;
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
            foreach (var chunk in slice.Values.Concat(slice.Gradients).Concat(slice.ExpAvg).Concat(slice.ExpAvgSq))
                chunk.Dispose();
        }
        ExpAvg.Dispose();
        ExpAvgSq.Dispose();
    }
}
