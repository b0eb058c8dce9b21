namespace Microsoft.ML.Dropout;

/// <summary>
/// A dense, row-major table of examples held in managed memory: what the engine trains on. The ML.NET adapters
/// fill it from an IDataView with one cursor pass; TorchSharp users can build it from arrays.
/// </summary>
public sealed class TrainingData
{
    /// <summary>Creates the table and checks that the buffers agree in size. Values are not copied.</summary>
    /// <param name="features">Row-major features, <paramref name="rowCount"/> × <paramref name="featureCount"/>.</param>
    /// <param name="rowCount">Number of examples (≥ 1).</param>
    /// <param name="featureCount">Number of features per example (≥ 1).</param>
    /// <param name="labels">One label per row: 0/1 (binary), class index 0..K−1 (multiclass) or the target (regression).</param>
    /// <param name="weights">Optional non-negative example weights, one per row.</param>
    public TrainingData(float[] features, int rowCount, int featureCount, float[] labels, float[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (rowCount < 1)
            throw new ArgumentOutOfRangeException(nameof(rowCount), rowCount, "The training data has no rows.");
        if (featureCount < 1)
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "The training data has no features.");
        if ((long)rowCount * featureCount != features.LongLength)
            throw new ArgumentException($"features has {features.LongLength} values; expected rowCount × featureCount = {rowCount} × {featureCount} = {(long)rowCount * featureCount}.", nameof(features));
        if (labels.Length != rowCount)
            throw new ArgumentException($"labels has {labels.Length} values; expected one per row ({rowCount}).", nameof(labels));
        if (weights != null && weights.Length != rowCount)
            throw new ArgumentException($"weights has {weights.Length} values; expected one per row ({rowCount}).", nameof(weights));
        Features = features;
        RowCount = rowCount;
        FeatureCount = featureCount;
        Labels = labels;
        Weights = weights;
    }

    /// <summary>Row-major features, <see cref="RowCount"/> × <see cref="FeatureCount"/>.</summary>
    public float[] Features { get; }
    /// <summary>Number of examples.</summary>
    public int RowCount { get; }
    /// <summary>Number of features per example.</summary>
    public int FeatureCount { get; }
    /// <summary>One label per row.</summary>
    public float[] Labels { get; }
    /// <summary>Optional example weights, one per row.</summary>
    public float[]? Weights { get; }

    /// <summary>Copies the given rows (in the given order) into a new table.</summary>
    public TrainingData Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var f = new float[(long)rows.Count * FeatureCount];
        var l = new float[rows.Count];
        float[]? w = Weights is null ? null : new float[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            int r = rows[i];
            Array.Copy(Features, (long)r * FeatureCount, f, (long)i * FeatureCount, FeatureCount);
            l[i] = Labels[r];
            if (w != null) w[i] = Weights![r];
        }
        return new TrainingData(f, rows.Count, FeatureCount, l, w);
    }
}
