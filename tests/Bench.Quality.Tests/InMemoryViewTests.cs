using Microsoft.ML.Dropout;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Bench.Quality.Suite;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality.Tests;

public class InMemoryViewTests
{
    [Theory]
    [InlineData(TaskKind.BinaryClassification, new[] { 0f, 1f, 1f, 0f })]
    [InlineData(TaskKind.MulticlassClassification, new[] { 0f, 1f, 2f, 2f })]
    [InlineData(TaskKind.Regression, new[] { 0.5f, -3f, 7f, 1e3f })]
    public void Create_RowsInMemory_ReadBackWithTheSameFeaturesAndLabels(TaskKind task, float[] labels)
    {
        var ml = new MLContext(0);
        float[] features = Enumerable.Range(0, labels.Length * 2).Select(i => (float)i).ToArray();
        var data = new TrainingData(features, labels.Length, 2, labels);

        var view = InMemoryView.Create(ml, data, task, classCount: 3);
        var back = TrainingDataReader.Read(view);

        Assert.Equal(labels, back.Labels);
        Assert.Equal(features, back.Features);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 2), view.Schema["Features"].Type);
        if (task == TaskKind.MulticlassClassification)
            Assert.Equal(3, TrainingDataReader.ClassCount(view));
    }
}
