using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Training;

/// <summary>A detached copy of a module's state_dict (parameters and buffers such as BatchNorm running statistics).</summary>
internal sealed class WeightsCheckpoint : IDisposable
{
    private Dictionary<string, Tensor>? _state;

    internal bool HasValue => _state is not null;

    /// <summary>Replaces the stored copy with the module's current state.</summary>
    internal void Capture(nn.Module module)
    {
        Clear();
        using var noGrad = torch.no_grad();
        _state = new Dictionary<string, Tensor>();
        foreach (var (name, value) in module.state_dict())
        {
            using var detached = value.detach();
            _state[name] = detached.clone().DetachFromDisposeScope();
        }
    }

    /// <summary>Copies the stored state back into the module.</summary>
    internal void Restore(nn.Module module)
    {
        if (_state is null)
            return;
        using var noGrad = torch.no_grad();
        module.load_state_dict(_state, strict: true);
    }

    private void Clear()
    {
        if (_state is null)
            return;
        foreach (var t in _state.Values) t.Dispose();
        _state = null;
    }

    public void Dispose() => Clear();
}
