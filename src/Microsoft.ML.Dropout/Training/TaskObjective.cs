using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Losses;
using Microsoft.ML.Dropout.Training.LossTerms;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Loss and metric for the task: smoothed (C)E or MSE/Huber; accuracy or RMSE in label units. The training
/// objective is the task loss plus every <see cref="ILossTerm"/> (L1, concrete dropout), summed in order.
/// </summary>
internal sealed class TaskObjective : IDisposable
{
    private readonly TaskKind _task;
    private readonly double _labelSmoothing;
    private readonly RegressionLoss _regressionLoss;
    private readonly double _huberDelta;
    private readonly Tensor? _classWeights;
    private readonly ILossTerm[] _penalties;

    internal TaskObjective(MlpTrainerOptions options, TrainingTask task, double outputShift, double outputScale, IEnumerable<ILossTerm> penalties)
    {
        _task = task.Kind;
        var classification = options as MlpClassificationOptions;
        var regression = options as MlpRegressionOptions;
        _labelSmoothing = classification?.LabelSmoothing ?? Defaults.LabelSmoothing;
        _regressionLoss = regression?.Loss ?? Defaults.Loss;
        _huberDelta = regression?.HuberDelta ?? Defaults.HuberDelta;
        _penalties = penalties.ToArray();
        OutputShift = outputShift;
        OutputScale = outputScale;
        _classWeights = classification?.ClassWeights is { } cw ? torch.tensor(cw, ScalarType.Float32).DetachFromDisposeScope() : null;
    }

    internal double OutputShift { get; }
    internal double OutputScale { get; }

    /// <summary>Weighted mean loss on a batch; label smoothing only when <paramref name="smooth"/>.</summary>
    internal Tensor Loss(Tensor output, Tensor y, Tensor? weights, bool smooth) => _task switch
    {
        TaskKind.MulticlassClassification => SmoothedCrossEntropy.Compute(output, y, smooth ? _labelSmoothing : 0, _classWeights, weights),
        TaskKind.BinaryClassification => SmoothedBinaryCrossEntropy.Compute(output, y, smooth ? _labelSmoothing : 0, _classWeights, weights),
        _ => RegressionLosses.Compute(output, y, _regressionLoss, _huberDelta, weights),
    };

    /// <summary>What backward runs on: <paramref name="taskLoss"/> plus every penalty term.</summary>
    internal Tensor WithPenalties(Tensor taskLoss)
    {
        var total = taskLoss;
        foreach (var term in _penalties)
            total = total + term.Compute();
        return total;
    }

    /// <summary>Classification: number of correct predictions; regression: sum of squared errors in label units.</summary>
    internal double MetricSum(Tensor output, Tensor y, Tensor? rawLabels)
    {
        using var scope = torch.NewDisposeScope();
        switch (_task)
        {
            case TaskKind.MulticlassClassification:
                return output.argmax(1).eq(y).sum().item<long>();
            case TaskKind.BinaryClassification:
                return KeptScalars.Gt(output.reshape(-1), 0).eq(KeptScalars.Gt(y, 0.5)).sum().item<long>();
            default:
                var pred = KeptScalars.Add(KeptScalars.Mul(output.reshape(-1), OutputScale), OutputShift); // per batch and validation chunk: see KeptScalars
                var d = pred - rawLabels!;
                return (d * d).sum().item<float>();
        }
    }

    /// <summary>Accuracy (correct/rows) or RMSE (√(sse/rows)).</summary>
    internal double Metric(double sum, int rows) => _task == TaskKind.Regression ? Math.Sqrt(sum / rows) : sum / rows;

    public void Dispose() => _classWeights?.Dispose();
}
