using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// A <see cref="TrainingData"/> turned into tensors once: features [N, F] float32; targets [N] (float32 0/1 for
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

    public void Dispose()
    {
        X.Dispose(); Y.Dispose(); RawLabels?.Dispose(); Weights?.Dispose();
    }
}
