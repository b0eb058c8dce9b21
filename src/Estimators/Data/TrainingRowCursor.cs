using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Data;

/// <summary>
/// One cursor pass over the training columns of an <see cref="IDataView"/>, a row at a time: features into the
/// caller's span, the label as a number (0/1, key − 1 or the value) and the weight. A row with a missing label or a
/// bad weight is skipped and recorded in <see cref="Skipped"/>, as ML.NET's trainers skip such rows; every feature of
/// the other rows is checked on the way in against the model's preprocessing (<see cref="FeaturePreprocessingValues"/>): each refused one is counted in
/// <see cref="Refused"/> (<see cref="Finish"/> throws after the pass, so the error counts them), each accepted ±∞ in
/// <see cref="Infinite"/>. An exception from the source itself (a file or database that fails mid-pass) becomes an
/// <see cref="InvalidOperationException"/> naming the role, the row and the source.
/// </summary>
internal sealed class TrainingRowCursor : IDisposable
{
    private readonly IDataView _data;
    private readonly ColumnBinding _binding;
    private readonly string _role;
    private readonly FeaturePreprocessing _preprocessing;
    private readonly DataViewRowCursor _cursor;
    private readonly ValueGetter<VBuffer<float>> _features;
    private readonly Func<double> _label;
    private readonly Func<double>? _weight;
    private VBuffer<float> _buffer;

    internal TrainingRowCursor(IDataView data, ColumnBinding binding, string role, FeaturePreprocessing preprocessing)
    {
        _data = data;
        _binding = binding;
        _role = role;
        _preprocessing = preprocessing;
        var schema = data.Schema;
        var featureCol = schema[binding.FeatureColumn];
        var labelCol = schema[binding.LabelColumn];
        DataViewSchema.Column? weightCol = binding.WeightColumn is null ? null : schema[binding.WeightColumn];
        var active = weightCol is null ? new[] { featureCol, labelCol } : new[] { featureCol, labelCol, weightCol.Value };
        _cursor = Guard(() => data.GetRowCursor(active));
        _features = _cursor.GetGetter<VBuffer<float>>(featureCol);
        _label = LabelGetter(_cursor, labelCol, binding.Task);
        _weight = weightCol is null ? null : RealGetter(_cursor, weightCol.Value);
    }

    /// <summary>The refused feature values seen so far.</summary>
    internal FeatureValueTally Refused { get; } = new();

    /// <summary>The accepted ±∞ feature values seen so far.</summary>
    internal FeatureValueTally Infinite { get; } = new();

    /// <summary>The rows skipped so far (missing label, bad weight).</summary>
    internal SkippedRows Skipped { get; } = new();

    /// <summary>Rows read from the source so far, skipped ones included (the next row's 0-based index).</summary>
    internal long Row { get; private set; }

    /// <summary>The data has an example-weight column.</summary>
    internal bool HasWeights => _weight is not null;

    /// <summary>
    /// Reads the next row that has a label and a valid weight (features into <paramref name="features"/>, of the
    /// binding's length), skipping the others; false at the end.
    /// </summary>
    internal bool Read(Span<float> features, out float label, out float weight)
    {
        while (true)
        {
            double rawLabel = 0, rawWeight = 1;
            bool more = Guard(() =>
            {
                if (!_cursor.MoveNext())
                    return false;
                _features(ref _buffer);
                rawLabel = _label();
                rawWeight = _weight?.Invoke() ?? 1;
                return true;
            });
            if (!more)
            {
                (label, weight) = (0, 0);
                return false;
            }
            if (Skip(rawLabel, rawWeight))
            {
                Row++;
                continue;
            }
            _buffer.CopyTo(features);
            for (int j = 0; j < features.Length; j++)
            {
                float v = features[j];
                if (float.IsFinite(v))
                    continue;
                if (!_preprocessing.Takes(v))
                    Refused.Add(Row, j, v);
                else if (float.IsInfinity(v))
                    Infinite.Add(Row, j, v);
            }
            (label, weight) = ((float)rawLabel, (float)rawWeight);
            Row++;
            return true;
        }
    }

    /// <summary>
    /// After the pass: throws when a feature value was refused (<see cref="Refused"/>), else returns the notices for
    /// the warnings — the rows skipped, then the ±∞ values accepted — none when the data was clean.
    /// </summary>
    internal IReadOnlyList<string> Finish()
    {
        if (Refused.Count > 0)
            throw new ArgumentException(InputErrors.NonFiniteFeatures(_binding.FeatureColumn, Refused, _preprocessing));
        var notices = new List<string>(2);
        if (Skipped.Notice(_binding, _role, Row) is { } skipped)
            notices.Add(skipped);
        if (Infinite.Count > 0)
            notices.Add(InputErrors.InfiniteFeaturesTaken(_binding.FeatureColumn, _role, Infinite));
        return notices;
    }

    /// <summary>Records and reports a row ML.NET's trainers would skip: a missing label, else a negative, NaN or infinite weight.</summary>
    private bool Skip(double label, double weight)
    {
        bool missingLabel = _binding.Task == TaskKind.MulticlassClassification ? label < 0 : !float.IsFinite((float)label);
        if (missingLabel)
            Skipped.Label(Row, label);
        else if (_weight is not null && (!(weight >= 0) || !float.IsFinite((float)weight)))
            Skipped.Weight(Row, weight);
        else
            return false;
        return true;
    }

    /// <summary>Runs a call into the source; its exceptions (other than cancellation) name the role, the row and the source.</summary>
    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException(InputErrors.SourceFailed(_role, Row, _data.GetType().Name, e), e);
        }
    }

    public void Dispose() => _cursor.Dispose();

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
