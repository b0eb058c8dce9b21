using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Minibatches cut from the blocks of an <see cref="IStreamedTrainingData"/> pass (one pass per epoch, in the
/// source's seeded order), with the same batch plan as in memory. Each batch's rows are copied out of the blocks
/// into arrays and tensors kept for the whole Fit (one set per batch length), so training allocates nothing per
/// batch and holds one batch besides the source's buffers.
/// </summary>
internal sealed class StreamedMinibatches : IMinibatchFeed
{
    private readonly IStreamedTrainingData _source;
    private readonly TaskKind _task;
    private readonly double _shift, _scale;
    private readonly bool _hasWeights;
    private readonly Func<Tensor, Tensor> _prepare;
    private readonly BatchBuffers?[] _buffers = new BatchBuffers?[2];
    private IEnumerator<TrainingRowBlock>? _blocks;
    private int _blockRow, _epoch;

    /// <summary>Minibatches of <paramref name="batchSize"/> rows read from the passes over <paramref name="source"/>.</summary>
    /// <param name="source">The streamed rows.</param>
    /// <param name="batchSize">Rows per minibatch.</param>
    /// <param name="task">How targets are made.</param>
    /// <param name="shift">Regression target mean.</param>
    /// <param name="scale">Regression target standard deviation.</param>
    /// <param name="prepare">The network's parameter-free input stage (<see cref="ITrainableNetwork.PrepareInputs"/>), applied to every batch.</param>
    internal StreamedMinibatches(IStreamedTrainingData source, int batchSize, TaskKind task, double shift, double scale, Func<Tensor, Tensor> prepare)
    {
        _prepare = prepare;
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
        var buffers = Buffers(length);
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
            Array.Copy(block.Features, (long)_blockRow * d, buffers.Features, (long)filled * d, (long)take * d);
            Array.Copy(block.Labels, _blockRow, buffers.Labels, filled, take);
            if (buffers.Weights is not null)
                Array.Copy(block.Weights ?? throw MissingWeights(), _blockRow, buffers.Weights, filled, take);
            _blockRow += take;
            filled += take;
        }
        var batchTensors = buffers.ToTensors(_task, _shift, _scale);
        return batchTensors with { X = _prepare(batchTensors.X) };
    }

    /// <summary>The buffers for batches of <paramref name="length"/> rows (an epoch has at most two lengths).</summary>
    private BatchBuffers Buffers(int length)
    {
        int slot = length == Batches[0].Length ? 0 : 1;
        if (_buffers[slot] is not { } buffers || buffers.Labels.Length != length)
        {
            _buffers[slot]?.Dispose();
            _buffers[slot] = buffers = new BatchBuffers(length, _source.FeatureCount, _task, _hasWeights);
        }
        return buffers;
    }

    private InvalidOperationException ShortPass(int rows) => new(
        $"Pass {_epoch} over the streamed training data ({_source.GetType().Name}) ended after {rows} rows, but it reported RowCount = {_source.RowCount}: every pass must yield every training row once.");

    private InvalidOperationException MissingWeights() => new(
        $"Pass {_epoch} over the streamed training data ({_source.GetType().Name}) yielded a block without weights although its Sample has weights: give weights to all rows or to none.");

    public void Dispose()
    {
        foreach (var buffers in _buffers)
            buffers?.Dispose();
        _blocks?.Dispose();
    }

    /// <summary>
    /// One batch length's managed arrays and the tensors they are copied into (outside any dispose scope; typed as
    /// <see cref="TensorDataset"/> makes them). Overwriting them for the next batch is safe: the previous batch's
    /// backward pass has run by then.
    /// </summary>
    private sealed class BatchBuffers : IDisposable
    {
        private readonly long[]? _classes;
        private readonly float[]? _targets;
        private readonly Tensor _x, _y;
        private readonly Tensor? _rawLabels, _weights;

        internal BatchBuffers(int length, int featureCount, TaskKind task, bool hasWeights)
        {
            Features = new float[(long)length * featureCount];
            Labels = new float[length];
            Weights = hasWeights ? new float[length] : null;
            _x = torch.empty(new long[] { length, featureCount }, ScalarType.Float32).DetachFromDisposeScope();
            _y = torch.empty(length, task == TaskKind.MulticlassClassification ? ScalarType.Int64 : ScalarType.Float32).DetachFromDisposeScope();
            if (task == TaskKind.MulticlassClassification)
                _classes = new long[length];
            if (task == TaskKind.Regression)
            {
                _targets = new float[length];
                _rawLabels = torch.empty(length, ScalarType.Float32).DetachFromDisposeScope();
            }
            _weights = hasWeights ? torch.empty(length, ScalarType.Float32).DetachFromDisposeScope() : null;
        }

        internal float[] Features { get; }
        internal float[] Labels { get; }
        internal float[]? Weights { get; }

        /// <summary>Copies the arrays into the tensors: targets as <see cref="TensorDataset.From"/> makes them (class index, standardized value or 0/1).</summary>
        internal Minibatch ToTensors(TaskKind task, double shift, double scale)
        {
            _x.data<float>().CopyFrom(Features);
            switch (task)
            {
                case TaskKind.MulticlassClassification:
                    for (int i = 0; i < Labels.Length; i++)
                        _classes![i] = (long)Labels[i];
                    _y.data<long>().CopyFrom(_classes!);
                    break;
                case TaskKind.Regression:
                    for (int i = 0; i < Labels.Length; i++)
                        _targets![i] = (float)((Labels[i] - shift) / scale);
                    _y.data<float>().CopyFrom(_targets!);
                    _rawLabels!.data<float>().CopyFrom(Labels);
                    break;
                default:
                    _y.data<float>().CopyFrom(Labels);
                    break;
            }
            if (Weights is not null)
                _weights!.data<float>().CopyFrom(Weights);
            return new Minibatch(_x, _y, _weights, _rawLabels);
        }

        public void Dispose()
        {
            _x.Dispose();
            _y.Dispose();
            _rawLabels?.Dispose();
            _weights?.Dispose();
        }
    }
}
