using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Estimators;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Bench.FitPhases;

/// <summary>A seeded synthetic set shaped like one of the suite's small sets, as the IDataView a user would pass.</summary>
internal sealed class SyntheticSet
{
    private SyntheticSet(string name, int rows, int features, TaskKind task, IDataView data)
    {
        Name = name; Rows = rows; Features = features; Task = task; Data = data;
    }

    public string Name { get; }
    public int Rows { get; }
    public int Features { get; }
    public TaskKind Task { get; }
    /// <summary>Columns Features (vector of Single) and Label (Boolean, or a key for multiclass).</summary>
    public IDataView Data { get; }

    public static IEnumerable<SyntheticSet> All(MLContext ml)
    {
        yield return Binary(ml, "breast-cancer-like", 455, 30, positiveShare: 0.37, integerLevels: 0, seed: 1);
        yield return Multiclass(ml, "iris-like", 150, 4, classes: 3, seed: 2);
        yield return Binary(ml, "coil2000-like", 5800, 85, positiveShare: 0.06, integerLevels: 10, seed: 3);
    }

    /// <summary>Fits the default trainer of the set's task with <paramref name="timer"/>'s callbacks.</summary>
    public RegularizedMlpPredictionTransformer Fit(MLContext ml, PhaseTimer timer)
    {
        switch (Task)
        {
            case TaskKind.BinaryClassification:
            {
                var o = new RegularizedMlpBinaryTrainer.Options();
                o.Callbacks.Add(timer.First); o.Callbacks.Add(timer.Last);
                return ml.BinaryClassification.Trainers.RegularizedMlp(o).Fit(Data);
            }
            default:
            {
                var o = new RegularizedMlpMulticlassTrainer.Options();
                o.Callbacks.Add(timer.First); o.Callbacks.Add(timer.Last);
                return ml.MulticlassClassification.Trainers.RegularizedMlp(o).Fit(Data);
            }
        }
    }

    /// <summary>Numeric features on different scales (continuous, or integer levels 0..L−1 like coil2000's), label from a noisy score.</summary>
    private static SyntheticSet Binary(MLContext ml, string name, int rows, int d, double positiveShare, int integerLevels, int seed)
    {
        var r = new Random(seed);
        var list = new List<BinaryRow>(rows);
        var scores = new double[rows];
        var features = new float[rows][];
        for (int i = 0; i < rows; i++)
        {
            var x = new float[d];
            for (int j = 0; j < d; j++)
                x[j] = integerLevels > 0 ? r.Next(integerLevels) : (float)((1 + j % 7) * 10 * r.NextDouble());
            features[i] = x;
            scores[i] = x[0] / (integerLevels > 0 ? integerLevels : 10) - x[1 % d] / (integerLevels > 0 ? integerLevels : 20) + r.NextDouble();
        }
        double threshold = scores.OrderByDescending(s => s).ElementAt((int)(positiveShare * rows));
        for (int i = 0; i < rows; i++)
            list.Add(new BinaryRow { Features = features[i], Label = scores[i] > threshold });
        return new SyntheticSet(name, rows, d, TaskKind.BinaryClassification, ml.Data.LoadFromEnumerable(list, Schema<BinaryRow>(d)));
    }

    /// <summary>Gaussian clusters, one per class, with a key label.</summary>
    private static SyntheticSet Multiclass(MLContext ml, string name, int rows, int d, int classes, int seed)
    {
        var r = new Random(seed);
        var list = new List<ClassRow>(rows);
        for (int i = 0; i < rows; i++)
        {
            int k = i % classes;
            var x = new float[d];
            for (int j = 0; j < d; j++)
                x[j] = (float)(k * (j + 1) * 0.8 + r.NextDouble() * 2);
            list.Add(new ClassRow { Features = x, Class = (uint)k });
        }
        var raw = ml.Data.LoadFromEnumerable(list, Schema<ClassRow>(d));
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", nameof(ClassRow.Class)).Fit(raw).Transform(raw);
        return new SyntheticSet(name, rows, d, TaskKind.MulticlassClassification, ml.Data.Cache(keyed));
    }

    private static SchemaDefinition Schema<T>(int d)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, d);
        return schema;
    }

    private sealed class BinaryRow
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    private sealed class ClassRow
    {
        public float[] Features { get; set; } = [];
        public uint Class { get; set; }
    }
}
