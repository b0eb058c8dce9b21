using System.Globalization;
using TorchSharp;

namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// The errors Fit ends with when training produced non-finite numbers: a training loss, a validation loss or the
/// final weights. Each names where it happened and the likely causes found in the options and the data, so a NaN
/// model is never returned silently.
/// </summary>
internal static class DivergenceDiagnosis
{
    /// <summary>Features are expected standardized; values beyond this are reported as a likely cause.</summary>
    private const float ExtremeFeature = 1e4f;

    /// <summary>Batches of at most this many rows make BatchNorm's statistics degenerate.</summary>
    private const int TinyBatch = 16;

    /// <summary>The training loss of a minibatch is NaN or infinite.</summary>
    internal static InvalidOperationException TrainingLoss(TrainingRun run, double loss)
    {
        var (options, context) = (run.Options, run.Context);
        string clip = options.GradientClipNorm is double c
            ? $"or lower GradientClipNorm (now {c.ToString(CultureInfo.InvariantCulture)})"
            : "or set GradientClipNorm";
        return new InvalidOperationException(
            $"Training diverged: loss is {What(loss)} at epoch {context.Epoch}, batch {context.Batch + 1} of {run.Feed.Batches.Count}. " +
            $"Lower LearningRate (now {context.LearningRate.ToString("G6", CultureInfo.InvariantCulture)}), check features for extreme values, {clip}.");
    }

    /// <summary>The validation loss of an epoch is NaN or infinite although its training loss was finite.</summary>
    internal static InvalidOperationException ValidationLoss(TrainingRun run, EpochMetrics epoch) => new(
        $"Validation loss is {What(epoch.ValidLoss!.Value)} after epoch {epoch.Epoch} although the training loss was {F(epoch.TrainLoss)}. " +
        $"Likely causes: {string.Join("; ", LikelyCauses(run, run.Validation, "validation"))}.");

    /// <summary>Throws when a parameter or buffer of the trained network (e.g. BatchNorm's running variance) is NaN or infinite.</summary>
    internal static void CheckFinalWeights(TrainingRun run)
    {
        using var scope = torch.NewDisposeScope();
        foreach (var (name, value) in run.Network.Module.state_dict())
        {
            if (value.is_floating_point() && !torch.isfinite(value).all().item<bool>())
                throw new InvalidOperationException(
                    $"The trained network has non-finite values in '{name}' after {run.Context.History.Count} epoch(s). " +
                    $"Likely causes: {string.Join("; ", LikelyCauses(run, run.Train, "training"))}.");
        }
    }

    private static IEnumerable<string> LikelyCauses(TrainingRun run, TrainingData? data, string role)
    {
        var o = run.Options;
        int batchSize = run.Settings.BatchSize;
        if (o.Normalization == Normalization.BatchNorm && batchSize <= TinyBatch)
            yield return $"Normalization = BatchNorm with BatchSize = {batchSize}: statistics of so few rows are degenerate (one row has no variance); use LayerNorm or BatchSize ≥ 32";
        if (data is not null && Extreme(data) is var (row, slot, value) && Math.Abs(value) > ExtremeFeature)
            yield return $"feature {slot} of {role} row {row} is {value.ToString("G6", CultureInfo.InvariantCulture)}: standardize the features (e.g. NormalizeMeanVariance)";
        double shrink = o.LearningRate * o.WeightDecay;
        if (shrink >= 0.1)
            yield return $"WeightDecay = {F(o.WeightDecay)} with LearningRate = {F(o.LearningRate)} scales every weight by {F(1 - shrink)} per step: lower WeightDecay";
        yield return $"LearningRate = {F(o.LearningRate)} may be too high: try it 10 times lower";
    }

    /// <summary>The feature value of largest magnitude, with its row and slot.</summary>
    private static (int Row, int Slot, float Value) Extreme(TrainingData data)
    {
        int best = 0;
        for (int i = 1; i < data.Features.Length; i++)
            if (Math.Abs(data.Features[i]) > Math.Abs(data.Features[best]))
                best = i;
        return data.Features.Length == 0 ? (0, 0, 0f) : (best / data.FeatureCount, best % data.FeatureCount, data.Features[best]);
    }

    private static string What(double value) => double.IsNaN(value) ? "NaN" : "infinite";

    private static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
