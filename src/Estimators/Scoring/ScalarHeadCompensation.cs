using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Scoring;

/// <summary>
/// Folds the inverse of a one-value ML.NET linear head (s = w·x + b) into the network's last layer, so that the
/// network's plain score output x gives back the task score: w·x + b = z/T (binary logit over the temperature) or
/// raw·OutputScale + OutputShift (regression, in label units), up to float rounding. The new last layer is
/// A' = A·a/w, c' = (c·a + s₀ − b)/w with a = 1/T, s₀ = 0 (binary) or a = OutputScale, s₀ = OutputShift
/// (regression); the returned snapshot has T = 1, OutputScale = 1 and OutputShift = 0.
/// </summary>
internal static class ScalarHeadCompensation
{
    internal static MlpSnapshot Fold(MlpSnapshot snapshot, double headWeight, double headBias)
    {
        if (snapshot.OutputSize != 1 || snapshot.Task == TaskKind.MulticlassClassification)
            throw new InvalidOperationException($"A one-value head needs a network with one output; this {snapshot.Task} network has {snapshot.OutputSize}.");
        if (!double.IsFinite(headWeight) || headWeight == 0 || !double.IsFinite(headBias))
            throw new InvalidOperationException($"The scoring head has weight {headWeight} and bias {headBias}; a finite non-zero weight is needed. Please report it.");
        bool regression = snapshot.Task == TaskKind.Regression;
        double scale = regression ? snapshot.OutputScale : 1.0 / snapshot.Temperature;
        double shift = regression ? snapshot.OutputShift : 0.0;
        var dense = LastLayer.Of(snapshot);
        var weight = dense.Weight.Select(a => (float)(a * scale / headWeight)).ToArray();
        var bias = new[] { (float)((dense.Bias[0] * scale + shift - headBias) / headWeight) };
        return LastLayer.Replace(snapshot, dense with { Weight = weight, Bias = bias }) with { Temperature = 1.0, OutputScale = 1.0, OutputShift = 0.0 };
    }
}
