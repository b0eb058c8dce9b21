using TorchSharp;

namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>
/// Clips the global L2 norm of all gradients at <see cref="MaxNorm"/> after backward, before the optimizer step: if
/// ‖g‖₂ over all parameters exceeds the bound, every gradient is scaled by bound/‖g‖₂. The trainer adds one when
/// <c>GradientClipNorm</c> is set.
/// </summary>
public sealed class GradientNormClipping : ITrainingCallback
{
    /// <summary>Creates the callback.</summary>
    /// <param name="maxNorm">The bound on the global gradient norm, &gt; 0 (1.0 is typical).</param>
    public GradientNormClipping(double maxNorm) => MaxNorm = OptionGuard.Positive(maxNorm, "GradientClipNorm");

    /// <summary>The bound on the global gradient norm.</summary>
    public double MaxNorm { get; }

    /// <summary>Run order among callbacks. Default 0.</summary>
    public int Order { get; init; }

    /// <summary>
    /// Clips the gradients of <see cref="TrainingContext.Parameters"/> in place: with one multiply over the gradient
    /// buffer when the trainer laid them out contiguously, else with libtorch's <c>clip_grad_norm_</c> (the same norm).
    /// </summary>
    public void OnAfterBackward(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Contiguous is { } contiguous)
            contiguous.ClipGradientNorm(MaxNorm);
        else
            torch.nn.utils.clip_grad_norm_(context.Parameters.All, MaxNorm);
    }
}
