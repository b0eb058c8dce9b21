namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Minibatches cut from the blocks of an <see cref="IStreamedTrainingData"/> pass (one pass per epoch, in the
/// source's seeded order), with the same batch plan as in memory. Each batch's rows are copied out of the blocks
/// into arrays reused from batch to batch, so only one batch and the source's buffers are held at a time.
/// </summary>
internal sealed class StreamedMinibatches : IMinibatchFeed
{
    private readonly IStreamedTrainingData _source;
    private readonly TaskKind _task;
    private readonly double _shift, _scale;
    private readonly bool _hasWeights;
    private IEnumerator<TrainingRowBlock>? _blocks;
    private int _blockRow, _epoch;
    private TensorDataset? _current;
    private readonly (float[] Features, float[] Labels, float[]? Weights)?[] _buffers = new (float[], float[], float[]?)?[2];

    internal StreamedMinibatches(IStreamedTrainingData source, int batchSize, TaskKind task, double shift, double scale)
    {
        _source = source;
        _task = task;
        _shift = shift;
        _scale = scale;
        _hasWeights = source.Sample.Weights is not null;
        Batches = MlpTrainer.Batches(source.RowCount, batchSize);
    }

    public int RowCount => _source.RowCount;

    public IReadOnlyList<(int Start, int Length)> Batches { get; }

    public void BeginEpoch(int epoch, CancellationToken cancellationToken)
    {
        _blocks?.Dispose();
        _epoch = epoch;
        _blocks = _source.ReadPass(epoch, cancellationToken).GetEnumerator();
        _blockRow = 0;
        if (!_blocks.MoveNext())
            throw ShortPass(0);
    }

    public Minibatch Next(int batch)
    {
        var (start, length) = Batches[batch];
        int d = _source.FeatureCount;
        // The previous batch's tensors go first: they may share memory with the arrays refilled here.
        _current?.Dispose();
        _current = null;
        var (features, labels, weights) = Buffers(length);
        for (int filled = 0; filled < length;)
        {
            var block = _blocks!.Current;
            if (_blockRow == block.RowCount)
            {
                if (!_blocks.MoveNext())
                    throw ShortPass(start + filled);
                _blockRow = 0;
                continue;
            }
            int take = Math.Min(length - filled, block.RowCount - _blockRow);
            Array.Copy(block.Features, (long)_blockRow * d, features, (long)filled * d, (long)take * d);
            Array.Copy(block.Labels, _blockRow, labels, filled, take);
            if (weights is not null)
                Array.Copy(block.Weights ?? throw MissingWeights(), _blockRow, weights, filled, take);
            _blockRow += take;
            filled += take;
        }
        _current = TensorDataset.From(new TrainingData(features, length, d, labels, weights), _task, _shift, _scale);
        return new Minibatch(_current.X, _current.Y, _current.Weights, _current.RawLabels);
    }

    /// <summary>
    /// Arrays for a batch of <paramref name="length"/> rows, kept for the next batch of that length (an epoch has at
    /// most two lengths): allocating them per batch makes the garbage collector run all the time.
    /// </summary>
    private (float[] Features, float[] Labels, float[]? Weights) Buffers(int length)
    {
        int slot = length == Batches[0].Length ? 0 : 1;
        if (_buffers[slot] is not { } buffers || buffers.Labels.Length != length)
            _buffers[slot] = buffers = (new float[(long)length * _source.FeatureCount], new float[length], _hasWeights ? new float[length] : null);
        return buffers;
    }

    private InvalidOperationException ShortPass(int rows) => new(
        $"Pass {_epoch} over the streamed training data ({_source.GetType().Name}) ended after {rows} rows, but it reported RowCount = {_source.RowCount}: every pass must yield every training row once.");

    private InvalidOperationException MissingWeights() => new(
        $"Pass {_epoch} over the streamed training data ({_source.GetType().Name}) yielded a block without weights although its Sample has weights: give weights to all rows or to none.");

    public void Dispose()
    {
        _current?.Dispose();
        _blocks?.Dispose();
    }
}
