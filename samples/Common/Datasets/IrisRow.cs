using Microsoft.ML.Data;

namespace MLNetRegularization.Samples.Datasets;

/// <summary>One iris flower: four measurements in cm and the species.</summary>
public sealed class IrisRow
{
    /// <summary>Sepal length (cm).</summary>
    [LoadColumn(0)] public float SepalLength { get; set; }
    /// <summary>Sepal width (cm).</summary>
    [LoadColumn(1)] public float SepalWidth { get; set; }
    /// <summary>Petal length (cm).</summary>
    [LoadColumn(2)] public float PetalLength { get; set; }
    /// <summary>Petal width (cm).</summary>
    [LoadColumn(3)] public float PetalWidth { get; set; }
    /// <summary>Species, e.g. "Iris-setosa".</summary>
    [LoadColumn(4)] public string Label { get; set; } = "";
}
