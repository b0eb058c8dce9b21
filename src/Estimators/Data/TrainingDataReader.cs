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
    /// <summary>Rows read between two checks of the cancellation token.</summary>
    internal const int RowsPerCancellationCheck = 4096;

    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked every <see cref="RowsPerCancellationCheck"/> rows).</exception>
    internal static TrainingData Read(IDataView data, ColumnBinding binding, long memoryBudgetBytes, string role, bool missingFeaturesAllowed = false,
        CancellationToken cancellationToken = default)
    {
        var schema = data.Schema;
        var featureCol = schema[binding.FeatureColumn];
        var labelCol = schema[binding.LabelColumn];
        DataViewSchema.Column? weightCol = binding.WeightColumn is null ? null : schema[binding.WeightColumn];
        var active = weightCol is null ? new[] { featureCol, labelCol } : new[] { featureCol, labelCol, weightCol.Value };

        int d = binding.FeatureCount;
        var buffers = new Buffers(d, weightCol is not null, data.GetRowCount(), memoryBudgetBytes, role);
        using var cursor = data.GetRowCursor(active);
        var featureGetter = cursor.GetGetter<VBuffer<float>>(featureCol);
        var labelGetter = LabelGetter(cursor, labelCol, binding.Task);
        var weightGetter = weightCol is null ? null : RealGetter(cursor, weightCol.Value);

        var buffer = default(VBuffer<float>);
        var bad = new BadValues();
        int n = 0;
        while (cursor.MoveNext())
        {
            if (n % RowsPerCancellationCheck == 0)
                cancellationToken.ThrowIfCancellationRequested();
            buffers.MakeRoomFor(n);
            featureGetter(ref buffer);
            var row = buffers.Features.AsSpan(n * d, d);
            buffer.CopyTo(row);
            for (int j = 0; j < d; j++)
                if (!float.IsFinite(row[j]) && !(missingFeaturesAllowed && float.IsNaN(row[j])))
                    bad.Feature(n, j, row[j]);

            double label = labelGetter();
            if (binding.Task == TaskKind.MulticlassClassification && label < 0)
                bad.MissingKey(n);
            else if (!double.IsFinite(label) || (binding.Task == TaskKind.Regression && !float.IsFinite((float)label)))
                bad.Label(n, label);
            buffers.Labels[n] = (float)label;

            if (weightGetter != null)
            {
                double w = weightGetter();
                if (!(w >= 0) || !float.IsFinite((float)w))
                    bad.Weight(n, w);
                buffers.Weights![n] = (float)w;
            }
            n++;
        }

        if (n == 0)
            throw InputErrors.NoUsableRows(InputErrors.NoRows(role));
        bad.ThrowIfAny(binding);
        return buffers.ToTrainingData(n);
    }

    /// <summary>Contiguous feature, label and weight buffers that grow by doubling within the memory budget.</summary>
    private sealed class Buffers(int featureCount, bool hasWeights, long? knownRows, long memoryBudgetBytes, string role)
    {
        private readonly long _bytesPerRow = BytesPerRow(featureCount, hasWeights);
        private int _capacity = (int)Math.Clamp(knownRows ?? 1024, 1,
            Math.Max(1, Math.Min(int.MaxValue / Math.Max(featureCount, 1), memoryBudgetBytes / BytesPerRow(featureCount, hasWeights))));

        internal float[] Features = [];
        internal float[] Labels = [];
        internal float[]? Weights;

        /// <summary>Ensures row <paramref name="row"/> fits; throws the memory-budget error when it would not.</summary>
        internal void MakeRoomFor(int row)
        {
            if (Labels.Length == 0)
                Resize(_capacity);
            if (row < _capacity)
                return;
            long needed = (long)(row + 1) * _bytesPerRow;
            if (needed > memoryBudgetBytes || (long)(row + 1) * featureCount > Array.MaxLength)
                throw new ArgumentException(InputErrors.TooManyBytes(role, row + 1, featureCount, needed, memoryBudgetBytes));
            _capacity = (int)Math.Min(Math.Min((long)_capacity * 2, memoryBudgetBytes / _bytesPerRow), Array.MaxLength / Math.Max(featureCount, 1));
            Resize(Math.Max(_capacity, row + 1));
        }

        internal TrainingData ToTrainingData(int rows)
        {
            if (rows < Labels.Length)
                Resize(rows);
            return new TrainingData(Features, rows, featureCount, Labels, Weights);
        }

        /// <summary>Features, label and (optional) weight as Single.</summary>
        private static long BytesPerRow(int featureCount, bool hasWeights) => 4L * featureCount + 4 + (hasWeights ? 4 : 0);

        private void Resize(int rows)
        {
            _capacity = rows;
            Array.Resize(ref Features, checked(rows * featureCount));
            Array.Resize(ref Labels, rows);
            if (hasWeights) Array.Resize(ref Weights, rows);
        }
    }

    /// <summary>Counts the bad values of each kind and keeps the first of each, so the error names them after one full pass.</summary>
    private sealed class BadValues
    {
        private long _features, _featureRow = -1, _labels, _labelRow = -1, _missingKeys, _missingKeyRow = -1, _weights, _weightRow = -1;
        private int _slot = -1;
        private float _feature;
        private double _label, _weight;

        internal void Feature(long row, int slot, float value)
        {
            if (_features++ == 0) { _featureRow = row; _slot = slot; _feature = value; }
        }

        internal void Label(long row, double value)
        {
            if (_labels++ == 0) { _labelRow = row; _label = value; }
        }

        internal void MissingKey(long row)
        {
            if (_missingKeys++ == 0) _missingKeyRow = row;
        }

        internal void Weight(long row, double value)
        {
            if (_weights++ == 0) { _weightRow = row; _weight = value; }
        }

        internal void ThrowIfAny(ColumnBinding binding)
        {
            if (_features > 0)
                throw new ArgumentException(InputErrors.NonFiniteFeatures(binding.FeatureColumn, _features, _featureRow, _slot, _feature));
            if (_labels > 0)
                throw new ArgumentException(InputErrors.NonFiniteLabels(binding.LabelColumn, _labels, _labelRow, _label));
            if (_missingKeys > 0)
                throw new ArgumentException(InputErrors.MissingKeyLabels(binding.LabelColumn, _missingKeys, _missingKeyRow));
            if (_weights > 0)
                throw new ArgumentException(InputErrors.BadWeights(binding.WeightColumn!, _weights, _weightRow, _weight));
        }
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
