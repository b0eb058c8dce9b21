namespace Microsoft.ML.Dropout.Estimators.Data.Streaming;

/// <summary>
/// Keeps, within a fixed number of rows, the rows with the smallest <see cref="RowHash"/>: a seeded sample that
/// does not depend on the row order (the same rows whatever order the source yields them in).
/// </summary>
internal sealed class SmallestHashRows
{
    private readonly int _capacity, _featureCount;
    private float[] _features, _labels;
    private float[]? _weights;
    private ulong[] _hashes;
    // Largest hash first, so the row to evict is at the head.
    private readonly PriorityQueue<int, ulong> _largestFirst = new(Comparer<ulong>.Create((a, b) => b.CompareTo(a)));

    internal SmallestHashRows(int capacity, int featureCount, bool hasWeights)
    {
        _capacity = capacity;
        _featureCount = featureCount;
        int initial = Math.Min(capacity, 1024);
        _features = new float[(long)initial * featureCount];
        _labels = new float[initial];
        _weights = hasWeights ? new float[initial] : null;
        _hashes = new ulong[initial];
    }

    /// <summary>Rows offered so far (kept or not).</summary>
    internal long Offered { get; private set; }

    /// <summary>Rows kept.</summary>
    internal int Count => _largestFirst.Count;

    /// <summary>Keeps the row when there is room or its hash is smaller than the largest kept one (which it replaces).</summary>
    internal void Offer(ulong hash, ReadOnlySpan<float> features, float label, float weight)
    {
        Offered++;
        int slot;
        if (Count < _capacity)
        {
            slot = Count;
            if (slot == _labels.Length)
                Grow();
        }
        else if (hash < _hashes[_largestFirst.Peek()])
            slot = _largestFirst.Dequeue();
        else
            return;
        features.CopyTo(_features.AsSpan(slot * _featureCount, _featureCount));
        _labels[slot] = label;
        if (_weights is not null)
            _weights[slot] = weight;
        _hashes[slot] = hash;
        _largestFirst.Enqueue(slot, hash);
    }

    /// <summary>The kept rows in hash order (so the result does not depend on the order rows were offered in); null when none.</summary>
    internal TrainingData? ToTrainingData()
    {
        if (Count == 0)
            return null;
        var slots = Enumerable.Range(0, Count).OrderBy(s => _hashes[s]).ToArray();
        var features = new float[(long)Count * _featureCount];
        var labels = new float[Count];
        var weights = _weights is null ? null : new float[Count];
        for (int i = 0; i < slots.Length; i++)
        {
            Array.Copy(_features, (long)slots[i] * _featureCount, features, (long)i * _featureCount, _featureCount);
            labels[i] = _labels[slots[i]];
            if (weights is not null)
                weights[i] = _weights![slots[i]];
        }
        return new TrainingData(features, Count, _featureCount, labels, weights);
    }

    /// <summary>Doubles the buffers, up to the capacity.</summary>
    private void Grow()
    {
        int rows = (int)Math.Min(_capacity, 2L * _labels.Length);
        Array.Resize(ref _features, rows * _featureCount);
        Array.Resize(ref _labels, rows);
        Array.Resize(ref _hashes, rows);
        if (_weights is not null)
            Array.Resize(ref _weights, rows);
    }
}
