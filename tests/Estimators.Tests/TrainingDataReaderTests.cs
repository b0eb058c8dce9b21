using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Estimators.Data;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>One cursor pass turns an IDataView into the engine's contiguous buffers, with labels mapped per task.</summary>
public sealed class TrainingDataReaderTests
{
    private sealed class Row
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
        public bool Flag { get; set; }
        public double Target { get; set; }
        public string Name { get; set; } = "";
        public double Weight { get; set; }
    }

    private static readonly Row[] Rows =
    {
        new() { Features = new[] { 1f, 2f, 3f }, Flag = true, Target = 1.5, Name = "b", Weight = 0.5 },
        new() { Features = new[] { 4f, 5f, 6f }, Flag = false, Target = -2, Name = "a", Weight = 2 },
        new() { Features = new[] { 7f, 8f, 9f }, Flag = true, Target = 0.25, Name = "b", Weight = 0 },
    };

    private static TrainingData Read(IDataView data, TaskKind task, string label, string? weight = null) =>
        TrainingDataReader.Read(data, ColumnBinding.Create(data.Schema, task, "Features", label, weight, "training"), 1L << 30, "training", out _);

    [Fact]
    public void Read_Binary_FeaturesRowMajorLabelsZeroOneWeightsAsSingle()
    {
        var ml = new MLContext(0);
        var data = Read(ml.Data.LoadFromEnumerable(Rows), TaskKind.BinaryClassification, "Flag", "Weight");
        Assert.Equal((3, 3), (data.RowCount, data.FeatureCount));
        Assert.Equal(new[] { 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f }, data.Features);
        Assert.Equal(new[] { 1f, 0f, 1f }, data.Labels);
        Assert.Equal(new[] { 0.5f, 2f, 0f }, data.Weights);
    }

    [Fact]
    public void Read_Multiclass_LabelsAreKeyMinusOne()
    {
        var ml = new MLContext(0);
        var raw = ml.Data.LoadFromEnumerable(Rows);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Name").Fit(raw).Transform(raw); // b → key 1, a → key 2
        var data = Read(keyed, TaskKind.MulticlassClassification, "Name");
        Assert.Equal(new[] { 0f, 1f, 0f }, data.Labels);
        Assert.Null(data.Weights);
        Assert.Equal(new[] { "b", "a" }, MulticlassHeadData.ClassNames(keyed.Schema["Name"], 2));
    }

    [Fact]
    public void Read_RegressionDoubleLabel_BecomesSingle()
    {
        var ml = new MLContext(0);
        var data = Read(ml.Data.LoadFromEnumerable(Rows), TaskKind.Regression, "Target");
        Assert.Equal(new[] { 1.5f, -2f, 0.25f }, data.Labels);
    }

    [Fact]
    public void Read_ManyRowsWithoutKnownCount_GrowsBuffers()
    {
        var ml = new MLContext(0);
        var rows = Enumerable.Range(0, 5000).Select(i => new Row { Features = new[] { i, -i, 0.5f }, Flag = i % 3 == 0 });
        var filtered = ml.Data.FilterRowsByColumn(ml.Data.LoadFromEnumerable(rows), "Target", upperBound: 1); // row count unknown to the reader
        var data = Read(filtered, TaskKind.BinaryClassification, "Flag");
        Assert.Equal(5000, data.RowCount);
        Assert.Equal(4999f, data.Features[4999 * 3]);
        Assert.Equal(15000, data.Features.Length);
    }
}
