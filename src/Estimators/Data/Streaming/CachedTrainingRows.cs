namespace Microsoft.ML.Dropout.Estimators.Data.Streaming;

/// <summary>
/// The training rows of a streamed Fit, spilled to a <see cref="RowCache"/> by <see cref="StreamingReader"/>, with
/// what was learnt on that pass (row and class counts, the statistics sample, the validation rows). Each epoch's
/// pass reads the cache's blocks in a seeded order through a bounded shuffle buffer, so even a source sorted by
/// label yields well-mixed minibatches. Disposing deletes the cache.
/// </summary>
internal sealed class CachedTrainingRows : IStreamedTrainingData, IDisposable
{
    private const int OutputBlockRows = 1024;
    private readonly RowCache _cache;
    private readonly int _seed, _shuffleRows;

    internal CachedTrainingRows(RowCache cache, int featureCount, TrainingData sample, int shuffleRows, int seed)
    {
        _cache = cache;
        FeatureCount = featureCount;
        Sample = sample;
        _shuffleRows = shuffleRows;
        _seed = seed;
        RowCount = checked((int)cache.RowCount);
    }

    public int FeatureCount { get; }

    public int RowCount { get; }

    public TrainingData Sample { get; }

    /// <summary>Validation rows chosen by the row hash (a subset when they exceed their share of the budget), or null.</summary>
    internal TrainingData? Validation { get; init; }

    /// <summary>Rows held out for validation by the row hash (those in <see cref="Validation"/> and any beyond its share of the budget).</summary>
    internal long HeldOutRows { get; init; }

    /// <summary>Training rows of each class (classification), counted on the spill pass.</summary>
    internal int[]? RowsPerClass { get; init; }

    /// <summary>What the first pass skipped (missing labels, bad weights) and the ±∞ values it accepted; empty when neither.</summary>
    internal IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The cache's directory (for tests: it must be gone after Fit).</summary>
    internal string CacheDirectory => _cache.Directory;

    public IEnumerable<TrainingRowBlock> ReadPass(int pass, CancellationToken cancellationToken)
    {
        var rng = new Random(unchecked(_seed * 1_000_003 + pass));
        int rowFloats = FeatureCount + 1 + (Sample.Weights is null ? 0 : 1);
        var order = Enumerable.Range(0, _cache.BlockCount).ToArray();
        rng.Shuffle(order);
        var block = new float[(long)_cache.BlockRows * rowFloats];
        var buffer = new float[(long)Math.Min(_shuffleRows, RowCount) * rowFloats];
        int capacity = buffer.Length / rowFloats, held = 0;
        var output = new OutputBlock(OutputBlockRows, FeatureCount, Sample.Weights is not null);
        foreach (int b in order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int rows = _cache.ReadBlock(b, block);
            for (int r = 0; r < rows; r++)
            {
                var row = block.AsSpan(r * rowFloats, rowFloats);
                if (held < capacity)
                {
                    row.CopyTo(buffer.AsSpan(held++ * rowFloats, rowFloats));
                    continue;
                }
                // The buffer is full: emit a random held row and keep this one in its place.
                var slot = buffer.AsSpan(rng.Next(capacity) * rowFloats, rowFloats);
                output.Add(slot);
                row.CopyTo(slot);
                if (output.IsFull)
                    yield return output.Take();
            }
        }
        var rest = Enumerable.Range(0, held).ToArray();
        rng.Shuffle(rest);
        foreach (int r in rest)
        {
            output.Add(buffer.AsSpan(r * rowFloats, rowFloats));
            if (output.IsFull)
                yield return output.Take();
        }
        if (output.Count > 0)
            yield return output.Take();
    }

    /// <summary>Deletes the cache.</summary>
    public void Dispose() => _cache.Dispose();

    /// <summary>Rows collected for the next <see cref="TrainingRowBlock"/> (buffers reused after each block is consumed).</summary>
    private sealed class OutputBlock(int capacity, int featureCount, bool hasWeights)
    {
        private readonly float[] _features = new float[(long)capacity * featureCount];
        private readonly float[] _labels = new float[capacity];
        private readonly float[]? _weights = hasWeights ? new float[capacity] : null;

        internal int Count { get; private set; }

        internal bool IsFull => Count == capacity;

        /// <summary>Adds a cache row (features, label, optional weight).</summary>
        internal void Add(ReadOnlySpan<float> row)
        {
            row[..featureCount].CopyTo(_features.AsSpan(Count * featureCount, featureCount));
            _labels[Count] = row[featureCount];
            if (_weights is not null)
                _weights[Count] = row[featureCount + 1];
            Count++;
        }

        internal TrainingRowBlock Take()
        {
            var block = new TrainingRowBlock(_features, _labels, _weights, Count);
            Count = 0;
            return block;
        }
    }
}
