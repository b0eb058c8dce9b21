using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>The engine options: single values checked by the setters, conflicts (with the task) listed together with their fix, copies independent.</summary>
public class MlpTrainerOptionsTests
{
    [Fact]
    public void Setters_OutOfRange_NameOptionRangeAndValue()
    {
        var options = new MlpClassificationOptions();
        Assert.StartsWith("Invalid value for option 'BatchSize': expected an integer ≥ 1. Received: 0.",
            Assert.Throws<ArgumentOutOfRangeException>(() => options.BatchSize = 0).Message);
        Assert.StartsWith("Invalid value for option 'WarmupEpochs': expected an integer ≥ 0. Received: -1.",
            Assert.Throws<ArgumentOutOfRangeException>(() => options.WarmupEpochs = -1).Message);
        Assert.StartsWith("Invalid value for option 'LabelSmoothing': expected a value in [0, 1). Received: 1.",
            Assert.Throws<ArgumentOutOfRangeException>(() => options.LabelSmoothing = 1).Message);
        Assert.StartsWith("Invalid value for option 'HuberDelta': expected a finite value > 0. Received: 0.",
            Assert.Throws<ArgumentOutOfRangeException>(() => new MlpRegressionOptions().HuberDelta = 0).Message);
        Assert.StartsWith("Invalid value for option 'ClassCount': expected an integer ≥ 2. Received: 1.",
            Assert.Throws<ArgumentOutOfRangeException>(() => TrainingTask.Multiclass(1)).Message);
    }

    [Fact]
    public void Validate_ConflictsOfArchitectureTrainingAndTask_ListedTogether()
    {
        var options = new MlpClassificationOptions { DropPathRate = 0.1, MaxEpochs = 3, WarmupEpochs = 3, ClassWeights = new[] { 1f, 2f } };
        var ex = Assert.Throws<ArgumentException>(() => new MlpTrainer(options, TrainingTask.Multiclass(3)));
        Assert.Equal(string.Join(Environment.NewLine,
            "DropPathRate = 0.1 needs Residual = true (DropPath drops residual branches).",
            "WarmupEpochs = 3 must be smaller than MaxEpochs = 3.",
            "ClassWeights has 2 entries but the task has 3 classes: give one weight per class."), ex.Message);
    }

    [Fact]
    public void Validate_DefaultWarmupWithOneEpoch_IsNoConflict()
    {
        new MlpTrainerOptions { MaxEpochs = 1 }.Validate(TrainingTask.Binary);
    }

    [Fact]
    public void Validate_TaskSpecificOptionsForTheOtherTask_SaysWhichTypeToUse()
    {
        var regression = Assert.Throws<ArgumentException>(() => new MlpTrainer(new MlpClassificationOptions(), TrainingTask.Regression));
        Assert.Equal("MlpClassificationOptions holds classification settings (LabelSmoothing, ClassWeights, CalibrateWithTemperature) but the task is Regression: use MlpRegressionOptions.", regression.Message);
        var binary = Assert.Throws<ArgumentException>(() => new MlpTrainer(new MlpRegressionOptions(), TrainingTask.Binary));
        Assert.Equal("MlpRegressionOptions holds regression settings (Loss, HuberDelta) but the task is BinaryClassification: use MlpClassificationOptions.", binary.Message);
    }

    [Fact]
    public void Clone_ArraysAndCallbackList_IndependentOfOriginal()
    {
        var callback = new RecordingCallback();
        var original = new MlpClassificationOptions { ClassWeights = new[] { 1f, 2f }, HiddenLayers = new[] { 8, 4 }, Activation = Activation.Relu, BatchSize = 16 };
        original.Callbacks.Add(callback);
        var copy = Assert.IsType<MlpClassificationOptions>(original.Clone());

        original.ClassWeights![0] = 9f;
        original.Callbacks.Clear();
        original.BatchSize = null;
        original.HiddenLayers = new[] { 3 };

        Assert.Equal(new[] { 1f, 2f }, copy.ClassWeights);
        Assert.Same(callback, Assert.Single(copy.Callbacks));
        Assert.Equal(16, copy.BatchSize);
        Assert.Equal(new[] { 8, 4 }, copy.HiddenLayers);
        Assert.Equal(Activation.Relu, copy.Activation);
    }

    [Fact]
    public void ListSetters_OneElementOutOfRange_NameTheElementAndKeepACopy()
    {
        var options = new MlpClassificationOptions();
        var rates = Assert.Throws<ArgumentOutOfRangeException>(() => options.DropoutRates = new[] { 0.1, 1.5 });
        Assert.StartsWith("Invalid value for option 'DropoutRates[1]': expected a value in [0, 1). Received: 1.5.", rates.Message);
        var weights = Assert.Throws<ArgumentOutOfRangeException>(() => options.ClassWeights = new[] { 1f, 0f });
        Assert.StartsWith("Invalid value for option 'ClassWeights[1]'", weights.Message);
        var given = new[] { 2f, 3f };
        options.ClassWeights = given;
        given[0] = -1;
        Assert.Equal(new[] { 2f, 3f }, options.ClassWeights);
        Assert.Null(options.DropoutRates);
    }
}
