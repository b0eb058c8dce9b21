using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Compares the final model's validation loss with that of a model that learned nothing from the features: the
/// training class frequencies (classification: the class prior's log-loss) or the training mean (regression: the
/// variance, for the MSE loss). A model that is not better gets a warning in the log and in
/// <see cref="TrainingResult.Warnings"/>, instead of passing silently as a trained model.
/// </summary>
internal static class NoSkillCheck
{
    /// <summary>The warning for <paramref name="run"/>'s final model, or null when it beats the no-skill baseline or there is no validation data.</summary>
    /// <param name="run">The finished run (network in eval mode, weights as returned).</param>
    /// <param name="finalEpoch">1-based epoch whose weights the model has (the restored or the last epoch).</param>
    internal static string? Warning(TrainingRun run, int finalEpoch)
    {
        if (run.ValidSet is not { } valid || finalEpoch < 1 || run.Context.History[finalEpoch - 1].ValidLoss is not double modelLoss)
            return null;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var module = run.Network.Module;
        module.eval();
        long[] shape = run.Network.ForwardPrepared(valid.X.narrow(0, 0, 1)).shape;
        shape[0] = valid.Rows;
        var constant = torch.tensor(BaselineOutput(run), ScalarType.Float32).reshape(1, -1).expand(shape);
        double baseline = run.Objective.Loss(constant, valid.Y, valid.Weights, smooth: false).item<float>();
        if (modelLoss < baseline)
            return null;
        string model = modelLoss.ToString("G4", CultureInfo.InvariantCulture), prior = baseline.ToString("G4", CultureInfo.InvariantCulture);
        return run.Task.IsClassification
            ? $"The final model (epoch {finalEpoch}) is no better than the class prior: its validation log-loss {model} is not below {prior}, the log-loss of predicting the training class frequencies for every row. " +
              "Check that the label column matches the features, lower LearningRate, or train longer with less regularization."
            : $"The final model (epoch {finalEpoch}) is no better than predicting the mean: its validation loss {model} (standardized targets, {(run.Options as MlpRegressionOptions)?.Loss ?? Defaults.Loss}) is not below {prior}, the loss of predicting the training mean for every row (for MSE: the variance). " +
              "Check that the label column matches the features, lower LearningRate, or train longer with less regularization.";
    }

    /// <summary>The network output of the no-skill model: log class frequencies (binary: the log-odds) or 0 (the training mean in standardized units).</summary>
    private static float[] BaselineOutput(TrainingRun run)
    {
        if (!run.Task.IsClassification)
            return [0f];
        var counts = ClassCounts.Of(run.Train, run.Task).PerClass;
        double total = counts.Sum();
        double[] p = counts.Select(c => Math.Clamp(c / total, 1e-7, 1 - 1e-7)).ToArray();
        return run.Task.Kind == TaskKind.BinaryClassification
            ? [(float)Math.Log(p[1] / p[0])]
            : p.Select(v => (float)Math.Log(v)).ToArray();
    }
}
