using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Samples.Datasets;

/// <summary>
/// Copies a featurized IDataView (<c>Features</c> vector, <c>Label</c>) into the engine's <see cref="TrainingData"/>,
/// for samples and benchmarks that drive <see cref="MlpTrainer"/> directly.
/// </summary>
public static class TrainingDataReader
{
    /// <summary>
    /// Reads every row. Labels: Boolean → 0/1; key → key − 1 (class index 0..K−1); Single → as is.
    /// </summary>
    public static TrainingData Read(IDataView view, string featuresColumn = TabularFeaturizer.FeaturesColumn, string labelColumn = TabularFeaturizer.LabelColumn)
    {
        ArgumentNullException.ThrowIfNull(view);
        var featuresCol = view.Schema[featuresColumn];
        var labelCol = view.Schema[labelColumn];
        int width = (featuresCol.Type as VectorDataViewType)?.Size ?? 0;
        if (width < 1)
            throw new ArgumentException($"Column '{featuresColumn}' must be a known-size Single vector; it is {featuresCol.Type}.", nameof(featuresColumn));

        var features = new List<float>();
        var labels = new List<float>();
        using var cursor = view.GetRowCursor(new[] { featuresCol, labelCol });
        var getFeatures = cursor.GetGetter<VBuffer<float>>(featuresCol);
        Func<float> getLabel = LabelGetter(cursor, labelCol);
        VBuffer<float> buffer = default;
        var dense = new float[width];
        while (cursor.MoveNext())
        {
            getFeatures(ref buffer);
            buffer.CopyTo(dense);
            features.AddRange(dense);
            labels.Add(getLabel());
        }
        return new TrainingData(features.ToArray(), labels.Count, width, labels.ToArray());
    }

    /// <summary>Number of classes of a key-typed label column (multiclass), or 2 for a Boolean label.</summary>
    public static int ClassCount(IDataView view, string labelColumn = TabularFeaturizer.LabelColumn)
    {
        var type = view.Schema[labelColumn].Type;
        return type is KeyDataViewType key ? checked((int)key.Count) : 2;
    }

    private static Func<float> LabelGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        switch (column.Type)
        {
            case BooleanDataViewType:
            {
                var g = cursor.GetGetter<bool>(column);
                bool v = false;
                return () => { g(ref v); return v ? 1f : 0f; };
            }
            case KeyDataViewType:
            {
                var g = cursor.GetGetter<uint>(column);
                uint v = 0;
                return () =>
                {
                    g(ref v);
                    if (v == 0) throw new InvalidDataException($"Label '{column.Name}' has a missing key value.");
                    return v - 1;
                };
            }
            case NumberDataViewType when column.Type.RawType == typeof(float):
            {
                var g = cursor.GetGetter<float>(column);
                float v = 0;
                return () => { g(ref v); return v; };
            }
            default:
                throw new ArgumentException($"Label '{column.Name}' must be Boolean, a key or Single; it is {column.Type}.");
        }
    }
}
