using Microsoft.ML;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>The one-line console progress through the ML.NET trainers: a line per epoch, the early-stop/restore line, the internal split named.</summary>
[Collection("Sequential")]
public sealed class ConsoleProgressTests
{
    [Fact]
    public void PipelineFit_ConsoleLogger_OneLinePerEpochStopRestoreAndInternalSplit()
    {
        var ml = new MLContext(0);
        var output = new StringWriter();
        var options = TestModels.MulticlassOptions();
        options.MaxEpochs = 60;
        options.EarlyStoppingPatience = 2;
        options.LearningRate = 0.05;
        options.Logger = TrainingProgress.ConsoleLogger(output);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label").Append(SyntheticData.Featurize(ml))
            .Append(ml.MulticlassClassification.Trainers.RegularizedMlp(options));

        var model = pipeline.Fit(TestModels.MulticlassData(ml)).LastTransformer.Model;

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(StopReason.EarlyStopping, model.StopReason);
        Assert.StartsWith("Validation: internal validation split (10%) of the training data, ", Assert.Single(lines, l => l.StartsWith("Validation: ")));
        Assert.Equal(model.History.Count, lines.Count(l => l.StartsWith("Epoch ") && l.Contains("/60: train loss ") && l.Contains(", valid accuracy ")));
        Assert.StartsWith($"Early stopping at epoch {model.History.Count}; restored epoch {model.BestEpoch} (", Assert.Single(lines, l => l.StartsWith("Early stopping")));
    }
}
