using Microsoft.ML.Dropout.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Losses;

/// <summary>Σ wᵢℓᵢ / Σ wᵢ with wᵢ = exampleWeightᵢ · classWeight[classᵢ]; the plain mean when neither is given.</summary>
internal static class WeightedMean
{
    internal static Tensor Of(Tensor perExample, Tensor? classIndex, Tensor? classWeights, Tensor? exampleWeights)
    {
        Tensor? w = null;
        if (classWeights is not null && classIndex is not null)
            w = classWeights.to_type(perExample.dtype).index_select(0, classIndex);
        if (exampleWeights is not null)
            w = w is null ? exampleWeights.to_type(perExample.dtype) : w * exampleWeights.to_type(perExample.dtype);
        if (w is null)
            return perExample.mean();
        return (perExample * w).sum() / KeptScalars.ClampMin(w.sum(), 1e-12);
    }
}
