using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>
/// An exponential moving average of the weights (Polyak averaging): a float32 shadow copy of every trainable
/// parameter, updated after every optimizer step as shadow ← d·shadow + (1 − d)·w with
/// d = min(<see cref="Decay"/>, (1 + t) / (10 + t)), t = optimizer steps taken so far including this one — the
/// warm-up of TensorFlow's <c>ExponentialMovingAverage(decay, num_updates)</c>, so the average of a short run is not
/// dominated by the initial weights. Validation, <see cref="ITrainingCallback.OnEpochEnd"/> (the history, early
/// stopping's best-epoch decision and its best-weights copy) and the final model use the averaged weights; training
/// continues from the live ones. The trainer adds one when <c>WeightAveragingDecay</c> is set.
/// </summary>
/// <remarks>
/// <para>Equivalents: Keras <c>optimizer(use_ema=True, ema_momentum=0.99)</c> (no warm-up; the weights are replaced
/// by the average at the end of fit) and PyTorch <c>torch.optim.swa_utils.AveragedModel(model,
/// multi_avg_fn=get_ema_multi_avg_fn(0.99))</c> (the average is a second model to evaluate).</para>
/// <para>Only parameters are averaged (those in the optimizer's groups, <see cref="TrainingContext.Parameters"/>):
/// buffers such as BatchNorm's running mean and variance stay the live model's, as in PyTorch's
/// <c>AveragedModel(use_buffers=False)</c>; they are estimated for the live weights, which the average follows closely
/// once the decay has warmed up.</para>
/// <para>The swap: in <see cref="OnValidationBegin"/> the live weights are copied aside and the average is copied
/// into the network; in <see cref="OnValidationEnd"/> the live weights are copied back. At <see cref="OnTrainEnd"/>
/// the network receives the average, unless early stopping already loaded its best epoch's copy (which is then an
/// averaged copy too: <see cref="TrainingContext.RestoredEpoch"/> &gt; 0), so the callback's order relative to early
/// stopping does not matter. Max-norm constrains the live weights; the average of constrained weights is not
/// constrained again. Works the same with ensembles (their adapters and per-member heads are parameters too) and
/// streamed data. Memory: two extra copies of the parameters (the average and the live weights during validation),
/// allocated once per Fit; each step costs two in-place operations per parameter, or two in all when the trainer laid
/// the parameters out in one buffer.</para>
/// </remarks>
public sealed class WeightAveraging : ITrainingCallback
{
    /// <summary>Steps in the warm-up's denominator: d_t = min(decay, (1 + t) / (WarmupSteps + t)).</summary>
    private const double WarmupSteps = 10;

    private Tensor[] _parameters = [];
    private Tensor[] _average = [];
    private Tensor[] _live = [];

    /// <summary>Creates the callback.</summary>
    /// <param name="decay">The decay d in (0, 1) — Keras' <c>ema_momentum</c>, e.g. 0.99; the average spans about 1 / (1 − d) steps.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decay"/> is not in (0, 1) (the message names <c>WeightAveragingDecay</c>).</exception>
    public WeightAveraging(double decay) => Decay = CheckDecay(decay);

    /// <summary>The decay d after the warm-up, in (0, 1).</summary>
    public double Decay { get; }

    /// <summary>Run order among callbacks. Default 0; the trainer's own runs with the built-ins, after max-norm.</summary>
    public int Order { get; init; }

    /// <summary>True from <see cref="OnValidationBegin"/> to <see cref="OnValidationEnd"/>: the network holds the average.</summary>
    public bool IsAverageInNetwork { get; private set; }

    /// <summary>The decay of the update after <paramref name="steps"/> optimizer steps (this one included): min(decay, (1 + steps) / (10 + steps)).</summary>
    /// <param name="decay">The decay after the warm-up, in (0, 1).</param>
    /// <param name="steps">Optimizer steps taken so far, this one included (1 at the first update).</param>
    public static double DecayAt(double decay, long steps) => Math.Min(decay, (1.0 + steps) / (WarmupSteps + steps));

    /// <summary>Starts the average at the initial weights (float32 copies of every trainable parameter); frees a previous run's copies.</summary>
    public void OnTrainBegin(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Release();
        using var noGrad = torch.no_grad();
        // Laid out contiguously by the trainer, the parameters are averaged as one tensor (the buffer).
        _parameters = context.Contiguous is { } contiguous ? [contiguous.Values] : context.Parameters.All.ToArray<Tensor>();
        _average = new Tensor[_parameters.Length];
        _live = new Tensor[_parameters.Length];
        for (int i = 0; i < _parameters.Length; i++)
        {
            _average[i] = _parameters[i].detach().to(ScalarType.Float32, copy: true).DetachFromDisposeScope();
            _live[i] = torch.empty_like(_average[i]).DetachFromDisposeScope();
        }
    }

    /// <summary>
    /// Updates the average in place with the weights after this batch's optimizer step (and after the step's
    /// constraints, e.g. max-norm, which run in <see cref="ITrainingCallback.OnAfterStep"/>).
    /// </summary>
    public void OnBatchEnd(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        double decay = DecayAt(Decay, context.Step);
        using var noGrad = torch.no_grad();
        using Scalar keep = decay, take = 1 - decay;
        for (int i = 0; i < _parameters.Length; i++)
            _average[i].mul_(keep).add_(_parameters[i], alpha: take);
    }

    /// <summary>Copies the live weights aside and the average into the network, for validation and <see cref="ITrainingCallback.OnEpochEnd"/>.</summary>
    public void OnValidationBegin(TrainingContext context)
    {
        using var noGrad = torch.no_grad();
        for (int i = 0; i < _parameters.Length; i++)
        {
            _live[i].copy_(_parameters[i]);
            _parameters[i].copy_(_average[i]);
        }
        IsAverageInNetwork = true;
    }

    /// <summary>Copies the live weights back, so training continues from them.</summary>
    public void OnValidationEnd(TrainingContext context)
    {
        using var noGrad = torch.no_grad();
        for (int i = 0; i < _parameters.Length; i++)
            _parameters[i].copy_(_live[i]);
        IsAverageInNetwork = false;
    }

    /// <summary>Leaves the average in the network (unless early stopping restored its best averaged copy), then frees the copies.</summary>
    public void OnTrainEnd(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.RestoredEpoch == 0)
        {
            using var noGrad = torch.no_grad();
            for (int i = 0; i < _parameters.Length; i++)
                _parameters[i].copy_(_average[i]);
        }
        Release();
    }

    /// <summary>Frees the copies (also when training ended with an exception).</summary>
    internal void Release()
    {
        foreach (var t in _average) t.Dispose();
        foreach (var t in _live) t.Dispose();
        (_parameters, _average, _live) = ([], [], []);
        IsAverageInNetwork = false;
    }

    /// <summary>Refuses a decay outside (0, 1), naming the option <c>WeightAveragingDecay</c>.</summary>
    internal static double CheckDecay(double decay) => decay > 0 && decay < 1
        ? decay
        : throw new ArgumentOutOfRangeException("WeightAveragingDecay", decay, OptionGuard.Message("WeightAveragingDecay",
            "a value in (0, 1), e.g. 0.99 (Keras' ema_momentum) or 0.999 for long runs", decay.ToString("R", CultureInfo.InvariantCulture)));
}
