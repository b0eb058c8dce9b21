using TorchSharp;
using TorchSharp.Modules;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>Global gradient-norm clipping: if ‖g‖₂ over all parameters exceeds the bound, every gradient is scaled by bound/‖g‖₂.</summary>
public static class GradientClipping
{
    /// <summary>Clips in place and returns the total gradient norm measured before clipping.</summary>
    /// <param name="parameters">Parameters whose gradients are clipped (those without a gradient are skipped).</param>
    /// <param name="maxNorm">The bound &gt; 0 (1.0 is typical).</param>
    public static double ClipByGlobalNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        OptionGuard.Positive(maxNorm, "GradientClipNorm");
        return torch.nn.utils.clip_grad_norm_(parameters, maxNorm);
    }
}
