using Microsoft.ML.Dropout.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>
/// Every trainable parameter of a network, and its gradient, laid out in one contiguous float32 buffer each (the flat
/// parameter and gradient buffers of apex's and DeepSpeed's optimizers): each parameter is re-pointed at its slice of
/// <see cref="Values"/> (<c>Tensor.set_</c>) and given its slice of <see cref="Gradients"/> as its <c>.grad</c>, into
/// which backward accumulates in place. Element-wise work over all parameters — the optimizer update, zeroing the
/// gradients, scaling them for clipping, the weight average — then runs as one tensor operation per parameter group
/// instead of one per parameter: a step of the default network issues over 100 fewer small operations.
/// </summary>
/// <remarks>
/// <para>Layout: <see cref="ParameterGroups.All"/> order — the decayed group first, then the rest — so each group
/// is one slice (the first <see cref="DecayedElements"/> elements, then the rest). Module code is unaffected: a parameter
/// keeps its handle, shape and name, and in-place updates (the optimizer, max-norm, <c>load_state_dict</c>'s copy)
/// write into the buffer.</para>
/// <para>What breaks the layout: replacing a parameter's <c>.grad</c> (setting it to null, or to another tensor) or its
/// storage (<c>set_</c>, moving the module to another device). The trainer does neither, and TorchSharp's
/// <c>Optimizer.zero_grad</c> zeroes in place; but libtorch's <c>Module.zero_grad()</c> sets gradients to null, so
/// the trainer calls <see cref="EnsureBound"/> after every backward, which copies replaced gradients back in.</para>
/// <para>Made only when every parameter is a float32 tensor on one device; otherwise <see cref="TryCreate"/> returns null
/// and the per-parameter code paths are used.</para>
/// </remarks>
internal sealed class ContiguousParameters : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _gradientViews;
    private readonly long[] _offsets;
    private readonly IntPtr _valuesStorage, _gradientsStorage;

    private ContiguousParameters(Parameter[] parameters, int decayedCount)
    {
        _parameters = parameters;
        DecayedParameterCount = decayedCount;
        _offsets = new long[parameters.Length + 1];
        for (int i = 0; i < parameters.Length; i++)
            _offsets[i + 1] = _offsets[i] + parameters[i].numel();
        long total = _offsets[^1];
        var device = parameters[0].device;
        Values = torch.empty(total, ScalarType.Float32, device).DetachFromDisposeScope();
        Gradients = torch.zeros(total, ScalarType.Float32, device).DetachFromDisposeScope();
        _gradientViews = new Tensor[parameters.Length];
        (_valuesStorage, _gradientsStorage) = (StorageOf(Values), StorageOf(Gradients));
        using (torch.no_grad())
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                var p = parameters[i];
                using var slice = Values.narrow(0, _offsets[i], _offsets[i + 1] - _offsets[i]);
                using var view = slice.view(p.shape);
                view.copy_(p);
                p.set_(view); // in place: returns p itself
                using var gradientSlice = Gradients.narrow(0, _offsets[i], _offsets[i + 1] - _offsets[i]);
                _gradientViews[i] = gradientSlice.view(p.shape).DetachFromDisposeScope();
                p.grad = _gradientViews[i];
            }
        }
        DecayedElements = _offsets[decayedCount];
    }

    /// <summary>
    /// Lays the parameters of <paramref name="groups"/> out contiguously (their current values are kept); null when
    /// there are none or they are not all float32 tensors on one device (the caller then works per parameter).
    /// </summary>
    /// <param name="groups">The optimizer's parameter split; its order is the buffer's order.</param>
    internal static ContiguousParameters? TryCreate(ParameterGroups groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var parameters = groups.All.ToArray();
        if (parameters.Length == 0)
            return null;
        var device = parameters[0].device;
        foreach (var p in parameters)
        {
            if (p.dtype != ScalarType.Float32 || p.device.type != device.type || p.device.index != device.index || p.is_sparse)
                return null;
        }
        return new ContiguousParameters(parameters, groups.Decayed.Count);
    }

    /// <summary>All parameter values, <see cref="ParameterGroups.All"/> order, flattened and concatenated.</summary>
    internal Tensor Values { get; }
    /// <summary>All gradients, in the same layout as <see cref="Values"/>.</summary>
    internal Tensor Gradients { get; }
    /// <summary>Parameters in the decayed group (the first ones of <see cref="Parameters"/>).</summary>
    internal int DecayedParameterCount { get; }
    /// <summary>Elements of the decayed group (the first elements of the buffers).</summary>
    internal long DecayedElements { get; }
    /// <summary>The parameters, in buffer order.</summary>
    internal IReadOnlyList<Parameter> Parameters => _parameters;
    /// <summary>Zeroes every gradient with one operation.</summary>
    internal void ZeroGradients() => Gradients.zero_();

    /// <summary>
    /// Clips the global L2 norm of the gradients at <paramref name="maxNorm"/> as libtorch's <c>clip_grad_norm_</c>
    /// does — the norm of the per-parameter norms, coefficient min(1, maxNorm / (norm + 1e-6)) — with one multiply
    /// over the whole gradient buffer. Returns the norm before clipping.
    /// </summary>
    /// <param name="maxNorm">The bound, &gt; 0.</param>
    internal double ClipGradientNorm(double maxNorm)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var norms = new Tensor[_gradientViews.Length];
        for (int i = 0; i < norms.Length; i++)
            norms[i] = _gradientViews[i].norm(2.0f);
        var total = norms.Length == 1 ? norms[0] : torch.stack(norms).norm(2.0f);
        using Scalar bound = maxNorm.ToScalar();
        var coefficient = KeptScalars.ClampMax(torch.full_like(total, bound).div_(KeptScalars.Add(total, 1e-6)), 1.0);
        Gradients.mul_(coefficient);
        return total.item<float>();
    }

    /// <summary>
    /// True while every parameter still views its slice of <see cref="Values"/> and its <c>.grad</c> is its slice of
    /// <see cref="Gradients"/> (nothing replaced them).
    /// </summary>
    internal bool IsBound()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (!IsBound(i))
                return false;
        }
        return true;
    }

    /// <summary>
    /// Called after backward, before the buffers are used: if code outside the trainer replaced gradients — e.g. a
    /// callback calling <c>Module.zero_grad()</c>, which in libtorch sets them to null, so backward allocates new ones
    /// — their values are copied into the buffer and the parameters re-pointed, so the step still sees this batch's
    /// gradients. Checks the first and last parameters each call (a few native calls; a module-wide reset replaces
    /// them all), then every parameter when either was replaced. Returns the number of parameters re-bound.
    /// </summary>
    internal int EnsureBound()
    {
        if (IsBound(0) && IsBound(_parameters.Length - 1))
            return 0;
        int rebound = 0;
        using var noGrad = torch.no_grad();
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (IsBound(i))
                continue;
            var p = _parameters[i];
            using (var slice = Values.narrow(0, _offsets[i], _offsets[i + 1] - _offsets[i]))
            using (var view = slice.view(p.shape))
            {
                if (StorageOf(p) != _valuesStorage || p.storage_offset() != _offsets[i])
                {
                    view.copy_(p);
                    p.set_(view); // in place: returns p itself
                }
            }
            using (var grad = p.grad)
            {
                if (grad is null)
                    _gradientViews[i].zero_();
                else if (StorageOf(grad) != _gradientsStorage || grad.storage_offset() != _offsets[i])
                    _gradientViews[i].copy_(grad);
            }
            p.grad = _gradientViews[i];
            rebound++;
        }
        return rebound;
    }

    private bool IsBound(int i)
    {
        var p = _parameters[i];
        using var grad = p.grad;
        return grad is not null
            && p.storage_offset() == _offsets[i] && StorageOf(p) == _valuesStorage
            && grad.storage_offset() == _offsets[i] && StorageOf(grad) == _gradientsStorage;
    }

    private static IntPtr StorageOf(Tensor tensor)
    {
        using var storage = tensor.storage<float>();
        return storage.data_ptr();
    }

    /// <summary>Frees this object's handles; the parameters keep the storage alive as long as they live.</summary>
    public void Dispose()
    {
        foreach (var view in _gradientViews) view.Dispose();
        Values.Dispose();
        Gradients.Dispose();
    }
}
