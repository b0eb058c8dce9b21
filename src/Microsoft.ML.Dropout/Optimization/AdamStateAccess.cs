using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Optimization;

/// <summary>
/// Reads and writes the per-parameter state of TorchSharp's Adam or AdamW (two state classes with the same fields), for
/// <see cref="ContiguousAdamMoments"/>.
/// </summary>
/// <param name="ReadStep">The parameter's step count.</param>
/// <param name="CountStep">Adds one to the parameter's step count.</param>
/// <param name="Moments">The parameter's first and second moment tensors.</param>
/// <param name="SetMoments">Replaces them.</param>
internal sealed record AdamStateAccess(Func<Parameter, long> ReadStep, Action<Parameter> CountStep,
    Func<Parameter, (Tensor ExpAvg, Tensor ExpAvgSq)> Moments, Action<Parameter, Tensor, Tensor> SetMoments);
