using Microsoft.ML.Dropout;
using Microsoft.ML;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Bench.Quality.Suite;
using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality.Tests;

public class ValidationSplitTests
{
    [Fact]
    public void Carve_BinaryTrainingPart_HoldsOutTwentyPercentOfEachClass()
    {
        var ml = new MLContext(0);
        var data = SyntheticSuiteData.Binary(ml, rows: 500, positives: 100);

        var split = ValidationSplit.Carve(ml, SyntheticSuiteData.Dataset(TaskKind.BinaryClassification), data, NumericScaling.MeanVariance);
        var fit = TrainingDataReader.Read(split.Train);
        var validation = TrainingDataReader.Read(split.Test);

        Assert.Equal(400, fit.RowCount);
        Assert.Equal(100, validation.RowCount);
        Assert.Equal(20, validation.Labels.Count(y => y > 0.5f));
        Assert.Equal(80, fit.Labels.Count(y => y > 0.5f));
    }

    [Fact]
    public void Carve_SameData_SameValidationRows()
    {
        var ml = new MLContext(0);
        var data = SyntheticSuiteData.Binary(ml, rows: 200, positives: 50);
        var dataset = SyntheticSuiteData.Dataset(TaskKind.BinaryClassification);

        float[] first = TrainingDataReader.Read(ValidationSplit.Carve(ml, dataset, data, NumericScaling.None).Test).Features;
        float[] second = TrainingDataReader.Read(ValidationSplit.Carve(new MLContext(5), dataset, data, NumericScaling.None).Test).Features;

        Assert.Equal(first, second);
    }
}
