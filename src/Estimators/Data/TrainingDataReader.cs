using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Data;

/// <summary>
/// Reads an <see cref="IDataView"/> into a <see cref="TrainingData"/> with one cursor pass into contiguous float
/// buffers (features n×d row-major, labels, optional weights). Every value is checked on the way in; a bad value
/// throws after the pass with the count and the first offending row, so nothing half-read is ever trained on.
/// Labels become 0/1 (binary), key − 1 (multiclass) or the value (regression).
/// </summary>
internal static class TrainingDataReader
{
    internal static TrainingData Read(IDataView data, ColumnBinding binding, long memoryBudgetBytes, string role, bool missingFeaturesAllowed = false)
    {
        var schema = data.Schema;
        var featureCol = schema[binding.FeatureColumn];
        var labelCol = schema[binding.LabelColumn];
        DataViewSchema.Column? weightCol = binding.WeightColumn is null ? null : schema[binding.WeightColumn];
        var active = weightCol is null ? new[] { featureCol, labelCol } : new[] { featureCol, labelCol, weightCol.Value };

        int d = binding.FeatureCount;
        long bytesPerRow = 4L * d + 4 + (weightCol is null ? 0 : 4);
        long? known = data.GetRowCount();
        int capacity = (int)Math.Clamp(known ?? 1024, 1, Math.Max(1, Math.Min(int.MaxValue / Math.Max(d, 1), memoryBudgetBytes / bytesPerRow)));
        var features = new float[(long)capacity * d];
        var labels = new float[capacity];
        float[]? weights = weightCol is null ? null : new float[capacity];

        using var cursor = data.GetRowCursor(active);
        var featureGetter = cursor.GetGetter<VBuffer<float>>(featureCol);
        var labelGetter = LabelGetter(cursor, labelCol, binding.Task);
        var weightGetter = weightCol is null ? null : RealGetter(cursor, weightCol.Value);

        var buffer = default(VBuffer<float>);
        long badFeatures = 0, badFeatureRow = -1; int badSlot = -1; float badFeature = 0;
        long badLabels = 0, badLabelRow = -1; double badLabel = 0;
        long missingKeys = 0, missingKeyRow = -1;
        long badWeights = 0, badWeightRow = -1; double badWeight = 0;
        int n = 0;
        while (cursor.MoveNext())
        {
            if (n == capacity)
            {
                long needed = (long)(n + 1) * bytesPerRow;
                if (needed > memoryBudgetBytes || (long)(n + 1) * d > Array.MaxLength)
                    throw new ArgumentException(InputErrors.TooManyBytes(role, n + 1, d, needed, memoryBudgetBytes));
                capacity = (int)Math.Min(Math.Min((long)capacity * 2, memoryBudgetBytes / bytesPerRow), Array.MaxLength / Math.Max(d, 1));
                capacity = Math.Max(capacity, n + 1);
                Array.Resize(ref features, checked(capacity * d));
                Array.Resize(ref labels, capacity);
                if (weights != null) Array.Resize(ref weights, capacity);
            }

            featureGetter(ref buffer);
            var row = features.AsSpan(n * d, d);
            buffer.CopyTo(row);
            for (int j = 0; j < d; j++)
            {
                if (!float.IsFinite(row[j]) && !(missingFeaturesAllowed && float.IsNaN(row[j])))
                {
                    if (badFeatures++ == 0) { badFeatureRow = n; badSlot = j; badFeature = row[j]; }
                }
            }

            double label = labelGetter();
            if (binding.Task == TaskKind.MulticlassClassification && label < 0)
            {
                if (missingKeys++ == 0) missingKeyRow = n;
            }
            else if (!double.IsFinite(label) || (binding.Task == TaskKind.Regression && !float.IsFinite((float)label)))
            {
                if (badLabels++ == 0) { badLabelRow = n; badLabel = label; }
            }
            labels[n] = (float)label;

            if (weightGetter != null)
            {
                double w = weightGetter();
                if (!(w >= 0) || !float.IsFinite((float)w))
                {
                    if (badWeights++ == 0) { badWeightRow = n; badWeight = w; }
                }
                weights![n] = (float)w;
            }
            n++;
        }

        if (n == 0)
            throw new ArgumentException(InputErrors.NoRows(role));
        if (badFeatures > 0)
            throw new ArgumentException(InputErrors.NonFiniteFeatures(binding.FeatureColumn, badFeatures, badFeatureRow, badSlot, badFeature));
        if (badLabels > 0)
            throw new ArgumentException(InputErrors.NonFiniteLabels(binding.LabelColumn, badLabels, badLabelRow, badLabel));
        if (missingKeys > 0)
            throw new ArgumentException(InputErrors.MissingKeyLabels(binding.LabelColumn, missingKeys, missingKeyRow));
        if (badWeights > 0)
            throw new ArgumentException(InputErrors.BadWeights(binding.WeightColumn!, badWeights, badWeightRow, badWeight));

        if (n < capacity)
        {
            Array.Resize(ref features, n * d);
            Array.Resize(ref labels, n);
            if (weights != null) Array.Resize(ref weights, n);
        }
        return new TrainingData(features, n, d, labels, weights);
    }

    /// <summary>A getter returning the label as a number: 0/1, key − 1 (−1 for a missing key) or the value.</summary>
    private static Func<double> LabelGetter(DataViewRowCursor cursor, DataViewSchema.Column column, TaskKind task)
    {
        switch (task)
        {
            case TaskKind.BinaryClassification:
            {
                var g = cursor.GetGetter<bool>(column);
                bool v = false;
                return () => { g(ref v); return v ? 1 : 0; };
            }
            case TaskKind.MulticlassClassification:
                return KeyGetter(cursor, column);
            default:
                return RealGetter(cursor, column);
        }
    }

    private static Func<double> KeyGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var raw = column.Type.RawType;
        if (raw == typeof(uint)) { var g = cursor.GetGetter<uint>(column); uint v = 0; return () => { g(ref v); return (double)v - 1; }; }
        if (raw == typeof(ulong)) { var g = cursor.GetGetter<ulong>(column); ulong v = 0; return () => { g(ref v); return (double)v - 1; }; }
        if (raw == typeof(ushort)) { var g = cursor.GetGetter<ushort>(column); ushort v = 0; return () => { g(ref v); return (double)v - 1; }; }
        { var g = cursor.GetGetter<byte>(column); byte v = 0; return () => { g(ref v); return (double)v - 1; }; }
    }

    private static Func<double> RealGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type == NumberDataViewType.Double)
        {
            var g = cursor.GetGetter<double>(column);
            double v = 0;
            return () => { g(ref v); return v; };
        }
        var gs = cursor.GetGetter<float>(column);
        float s = 0;
        return () => { gs(ref s); return s; };
    }
}
