using Microsoft.ML.Dropout.Optimization;
using TorchSharp.Modules;

namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>
/// After every optimizer step, rescales each row of each weight matrix (one unit's incoming weights) to an L2 norm
/// ≤ <see cref="MaxNorm"/> (<see cref="MaxNormConstraint.Apply"/>). The trainer adds one when <c>MaxNorm</c> is set.
/// </summary>
public sealed class MaxNormEnforcement : ITrainingCallback
{
    private Parameter[] _weights = Array.Empty<Parameter>();

    /// <summary>Creates the callback.</summary>
    /// <param name="maxNorm">The bound c &gt; 0 (3–4 is typical).</param>
    public MaxNormEnforcement(double maxNorm) => MaxNorm = OptionGuard.Positive(maxNorm, "MaxNorm");

    /// <summary>The bound on each unit's incoming weight norm.</summary>
    public double MaxNorm { get; }

    /// <summary>Run order among callbacks. Default 0.</summary>
    public int Order { get; init; }

    /// <summary>Takes the decayed weight matrices of this run (<see cref="ParameterGroups.Decayed"/>).</summary>
    public void OnTrainBegin(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _weights = context.Parameters.Decayed.Select(p => p.Parameter).ToArray();
    }

    /// <summary>Rescales the rows in place.</summary>
    public void OnAfterStep(TrainingContext context) => MaxNormConstraint.Apply(_weights, MaxNorm);
}
