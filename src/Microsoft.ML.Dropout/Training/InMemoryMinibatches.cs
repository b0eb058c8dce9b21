using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Minibatches of rows held as tensors: each epoch shuffles the row order with a generator seeded once per Fit and
/// gathers each batch's rows with index_select.
/// </summary>
internal sealed class InMemoryMinibatches : IMinibatchFeed
{
    private readonly TensorDataset _data;
    private readonly long[] _rowOrder;
    private readonly Random _shuffler;
    private Tensor? _permutation;

    /// <summary>Takes ownership of <paramref name="data"/>.</summary>
    internal InMemoryMinibatches(TensorDataset data, int batchSize, int seed)
    {
        _data = data;
        Batches = MlpTrainer.Batches(data.Rows, batchSize);
        _rowOrder = Enumerable.Range(0, data.Rows).Select(i => (long)i).ToArray();
        _shuffler = new Random(seed);
    }

    public int RowCount => _data.Rows;

    public IReadOnlyList<(int Start, int Length)> Batches { get; }

    public void BeginEpoch(int epoch, CancellationToken cancellationToken)
    {
        ValidationSplit.Shuffle(_rowOrder, _shuffler);
        _permutation = torch.tensor(_rowOrder, ScalarType.Int64);
    }

    public Minibatch Next(int batch)
    {
        var (start, length) = Batches[batch];
        var rows = _permutation!.narrow(0, start, length);
        return new Minibatch(_data.X.index_select(0, rows), _data.Y.index_select(0, rows),
            _data.Weights?.index_select(0, rows), _data.RawLabels?.index_select(0, rows));
    }

    public void Dispose() => _data.Dispose();
}
