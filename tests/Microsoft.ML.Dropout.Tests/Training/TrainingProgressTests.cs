using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>Console progress in one line of code: one line per epoch, the early-stop/restore line, the validation source and the warnings.</summary>
[Collection("Sequential")]
public class TrainingProgressTests
{
    [Fact]
    public void ConsoleLogger_EarlyStopping_OneLinePerEpochAndTheStopRestoreLine()
    {
        var train = SyntheticData.FourClass(400, 20, 4, seed: 8);
        var output = new StringWriter();
        var options = TrainerTestOptions.Small(maxEpochs: 40);
        options.EarlyStoppingPatience = 3;
        options.DropoutRate = 0;
        options.ValidationFraction = 0.25;
        options.RefitOnAllRows = false; // the lines of one run (the refit's are prefixed "Refit: ", RefitOnAllRowsTests)
        options.Logger = TrainingProgress.ConsoleLogger(output);
        var train2 = SyntheticData.RandomLabels(train, 4, seed: 10); // nothing to learn: early stopping comes soon

        var result = new MlpTrainer(options, TrainerTestOptions.FourClasses).Fit(train2);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(StopReason.EarlyStopping, result.StopReason);
        var settings = result.Settings!;
        Assert.Equal(400, settings.ValidationRows + settings.TrainingRows);
        Assert.Equal($"Validation: internal validation split (25%) of the training data, {settings.ValidationRows} rows; {settings.TrainingRows} rows train", lines[0]);
        Assert.Equal(Enumerable.Range(1, result.History.Count).Select(e => $"Epoch {e}/40: "), lines.Where(l => l.StartsWith("Epoch ")).Select(l => l[..(l.IndexOf(':') + 2)]));
        Assert.Contains(lines, l => l.StartsWith("Epoch 1/40: train loss ") && l.Contains(", valid loss ") && l.Contains(", valid accuracy "));
        Assert.Contains($"Early stopping at epoch {result.History.Count}; restored epoch {result.BestEpoch} (", Assert.Single(lines, l => l.StartsWith("Early stopping")));
        Assert.Contains(lines, l => l.StartsWith("warning: The final model"));
    }

    [Fact]
    public void ConsoleLogger_MinimumLevelWarning_WritesOnlyWarnings()
    {
        var output = new StringWriter();
        var logger = TrainingProgress.ConsoleLogger(output, Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.False(logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information));
        Assert.True(logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Warning));
    }
}
