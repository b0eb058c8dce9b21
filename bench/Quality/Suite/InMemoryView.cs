using Microsoft.ML.Dropout;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// Turns rows held in memory (<see cref="TrainingData"/>) back into an IDataView with a known-size <c>Features</c>
/// vector and a <c>Label</c> of the task's type (Boolean, key with the class count, or Single).
/// </summary>
internal static class InMemoryView
{
    public static IDataView Create(MLContext ml, TrainingData data, TaskKind task, int classCount)
    {
        int width = data.FeatureCount;
        float[] Row(int r) => data.Features.AsSpan(r * width, width).ToArray();
        var rows = Enumerable.Range(0, data.RowCount);
        switch (task)
        {
            case TaskKind.BinaryClassification:
                return ml.Data.LoadFromEnumerable(rows.Select(r => new BooleanRow { Features = Row(r), Label = data.Labels[r] > 0.5f }).ToList(),
                    Schema<BooleanRow>(width, null));
            case TaskKind.MulticlassClassification:
                // LoadFromEnumerable reads a uint typed as a key as the 0-based class index (value 0 becomes the first
                // key, not the missing key): measured on iris, where class index + 1 turned the last class into missing.
                return ml.Data.LoadFromEnumerable(rows.Select(r => new KeyRow { Features = Row(r), Label = (uint)data.Labels[r] }).ToList(),
                    Schema<KeyRow>(width, new KeyDataViewType(typeof(uint), classCount)));
            default:
                return ml.Data.LoadFromEnumerable(rows.Select(r => new SingleRow { Features = Row(r), Label = data.Labels[r] }).ToList(),
                    Schema<SingleRow>(width, null));
        }
    }

    private static SchemaDefinition Schema<T>(int width, DataViewType? labelType)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        if (labelType != null) schema["Label"].ColumnType = labelType;
        return schema;
    }

    private sealed class BooleanRow
    {
        public float[] Features { get; set; } = Array.Empty<float>();
        public bool Label { get; set; }
    }

    private sealed class KeyRow
    {
        public float[] Features { get; set; } = Array.Empty<float>();
        public uint Label { get; set; }
    }

    private sealed class SingleRow
    {
        public float[] Features { get; set; } = Array.Empty<float>();
        public float Label { get; set; }
    }
}
