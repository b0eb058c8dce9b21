using Microsoft.ML.Dropout.Optimization;
using TorchSharp.Modules;

namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>
/// Clips the global L2 norm of all gradients at <see cref="MaxNorm"/> after backward, before the optimizer step
/// (<see cref="GradientClipping.ClipByGlobalNorm"/>). The trainer adds one when <c>GradientClipNorm</c> is set.
/// </summary>
public sealed class GradientNormClipping : ITrainingCallback
{
    private Parameter[] _parameters = Array.Empty<Parameter>();

    /// <summary>Creates the callback.</summary>
    /// <param name="maxNorm">The bound on the global gradient norm, &gt; 0 (1.0 is typical).</param>
    public GradientNormClipping(double maxNorm) => MaxNorm = OptionGuard.Positive(maxNorm, "GradientClipNorm");

    /// <summary>The bound on the global gradient norm.</summary>
    public double MaxNorm { get; }

    /// <summary>Run order among callbacks. Default 0.</summary>
    public int Order { get; init; }

    /// <summary>Takes the parameters of this run (<see cref="TrainingContext.Parameters"/>).</summary>
    public void OnTrainBegin(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _parameters = context.Parameters.All.ToArray();
    }

    /// <summary>Clips the gradients in place.</summary>
    public void OnAfterBackward(TrainingContext context) => GradientClipping.ClipByGlobalNorm(_parameters, MaxNorm);
}
