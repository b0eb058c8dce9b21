using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>The class-count checks shared by the engine and the ML.NET trainers, and the balanced weights.</summary>
public class ClassCountsTests
{
    private static TrainingData Labels(params float[] labels) => new(new float[labels.Length], labels.Length, 1, labels);

    [Fact]
    public void Of_CountsRowsPerClassAndBalancesWeights()
    {
        var counts = ClassCounts.Of(Labels(0, 2, 2, 2, 0, 2), TrainingTask.Multiclass(3));
        Assert.Equal(new[] { 2, 0, 4 }, counts.PerClass);
        Assert.False(counts.HasFewerRowsThanClasses);
        Assert.Equal(new[] { 1f, 1f, 0.5f }, counts.BalancedWeights()); // 6/(3·2), absent class 1, 6/(3·4)
    }

    [Fact]
    public void Fit_BinaryLabelsAllOne_ThrowsNamingCountAndFix()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MlpTrainer(new MlpTrainerOptions(), TrainingTask.Binary).Fit(Labels(1, 1, 1, 1)));
        Assert.Equal("Training data: every one of the 4 labels is 1; BinaryClassification needs rows of both classes 0 and 1. (Parameter 'train')", ex.Message);
    }

    [Fact]
    public void Fit_FewerRowsThanClasses_ThrowsNamingBoth()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MlpTrainer(new MlpTrainerOptions(), TrainingTask.Multiclass(3)).Fit(Labels(0, 2)));
        Assert.Equal("Training data: 2 rows for ClassCount = 3; every class needs training rows (add rows or use fewer classes). (Parameter 'train')", ex.Message);
    }
}
