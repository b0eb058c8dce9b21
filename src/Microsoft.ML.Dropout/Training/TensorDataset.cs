using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// A <see cref="TrainingData"/> turned into tensors once: features [N, F] float32 (after
/// <see cref="WithPreparedInputs"/>: the network's prepared inputs); targets [N] (float32 0/1 for
/// binary, int64 class index for multiclass, float32 standardized value for regression); raw regression labels;
/// optional weights. Owned by the trainer and disposed at the end of Fit.
/// </summary>
internal sealed class TensorDataset : IDisposable
{
    private TensorDataset(Tensor x, Tensor y, Tensor? rawLabels, Tensor? weights, int rows)
    {
        X = x; Y = y; RawLabels = rawLabels; Weights = weights; Rows = rows;
    }

    internal Tensor X { get; }
    internal Tensor Y { get; }
    /// <summary>Regression labels in label units (null for classification).</summary>
    internal Tensor? RawLabels { get; }
    internal Tensor? Weights { get; }
    internal int Rows { get; }

    internal static TensorDataset From(TrainingData data, TaskKind task, double shift, double scale)
    {
        var x = torch.tensor(data.Features, new long[] { data.RowCount, data.FeatureCount }, ScalarType.Float32).DetachFromDisposeScope();
        Tensor y;
        Tensor? raw = null;
        switch (task)
        {
            case TaskKind.MulticlassClassification:
                y = torch.tensor(data.Labels.Select(v => (long)v).ToArray(), ScalarType.Int64).DetachFromDisposeScope();
                break;
            case TaskKind.Regression:
                raw = torch.tensor(data.Labels, ScalarType.Float32).DetachFromDisposeScope();
                y = torch.tensor(data.Labels.Select(v => (float)((v - shift) / scale)).ToArray(), ScalarType.Float32).DetachFromDisposeScope();
                break;
            default:
                y = torch.tensor(data.Labels, ScalarType.Float32).DetachFromDisposeScope();
                break;
        }
        var w = data.Weights is null ? null : torch.tensor(data.Weights, ScalarType.Float32).DetachFromDisposeScope();
        return new TensorDataset(x, y, raw, w, data.RowCount);
    }

    /// <summary>Rows per call when <see cref="WithPreparedInputs"/> prepares a large dataset (bounds the stage's temporaries).</summary>
    private const int PrepareChunkRows = 16384;

    /// <summary>
    /// This dataset with <see cref="X"/> replaced by <paramref name="prepare"/>(X) (the network's parameter-free input
    /// stage, <see cref="ITrainableNetwork.PrepareInputs"/>), computed once without gradients in chunks of rows; the
    /// raw X is disposed. Returns this dataset unchanged when <paramref name="prepare"/> is the identity (returns its argument).
    /// </summary>
    internal TensorDataset WithPreparedInputs(Func<Tensor, Tensor> prepare)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        Tensor? prepared = null;
        for (int start = 0; start < Rows; start += PrepareChunkRows)
        {
            int length = Math.Min(PrepareChunkRows, Rows - start);
            var chunk = length == Rows ? X : X.narrow(0, start, length);
            var result = prepare(chunk);
            if (ReferenceEquals(result, chunk))
                return this;
            if (length == Rows)
            {
                prepared = result;
                break;
            }
            prepared ??= torch.empty(new[] { Rows, result.shape[1] }, result.dtype);
            prepared.narrow(0, start, length).copy_(result);
        }
        if (prepared is null)
            return this;
        // Row-major: the quantile stage returns its rows column-major, and every minibatch gathers rows from here.
        prepared = prepared.contiguous().DetachFromDisposeScope();
        X.Dispose();
        return new TensorDataset(prepared, Y, RawLabels, Weights, Rows);
    }

    public void Dispose()
    {
        X.Dispose(); Y.Dispose(); RawLabels?.Dispose(); Weights?.Dispose();
    }
}
