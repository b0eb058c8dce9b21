using Microsoft.Extensions.Logging;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Optimization;
using Microsoft.ML.Dropout.Schedules;

namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// The training settings every task shares, as flat properties: the network shape (inherited from
/// <see cref="MlpArchitecture"/>), optimizer, schedules, early stopping, batches, seed and callbacks.
/// Classification-only settings are on <see cref="MlpClassificationOptions"/>, regression-only ones on
/// <see cref="MlpRegressionOptions"/>; the ML.NET trainers' <c>Options</c> derive from those. Setters validate
/// single values at once (<see cref="ArgumentOutOfRangeException"/> naming option, range and value);
/// <see cref="Validate(TrainingTask)"/> checks the options against each other and the task and is called by the
/// <see cref="MlpTrainer"/> constructor, which also copies them. Defaults: <see cref="Dropout.Defaults"/>; a null
/// <see cref="BatchSize"/> or <see cref="WarmupEpochs"/> is resolved by <see cref="ResolvedSettings"/>.
/// </summary>
public class MlpTrainerOptions : MlpArchitecture
{
    private OptimizerKind _optimizer = Dropout.Defaults.Optimizer;
    private double _weightDecay = Dropout.Defaults.WeightDecay;
    private WeightDecayScheduleKind _weightDecaySchedule = Dropout.Defaults.WeightDecaySchedule;
    private double _adamBeta2 = Dropout.Defaults.AdamBeta2;
    private double _l1 = Dropout.Defaults.L1;
    private double? _maxNorm;
    private double _learningRate = Dropout.Defaults.LearningRate;
    private LearningRateScheduleKind _lrSchedule = Dropout.Defaults.LearningRateSchedule;
    private int? _warmupEpochs;
    private int? _batchSize;
    private int? _maxEpochs;
    private int? _patience = Dropout.Defaults.EarlyStoppingPatience;
    private double _minDelta = Dropout.Defaults.EarlyStoppingMinDelta;
    private int _startFromEpoch = Dropout.Defaults.EarlyStoppingStartFromEpoch;
    private EarlyStoppingMetric _esMetric = Dropout.Defaults.EarlyStoppingMetric;
    private double _validationFraction = Dropout.Defaults.ValidationFraction;
    private double? _gradientClipNorm = Dropout.Defaults.GradientClipNorm;
    private double? _weightAveragingDecay = Dropout.Defaults.WeightAveragingDecay;
    private int? _threads;
    private int? _gpuDeviceId;
    private List<ITrainingCallback> _callbacks = new();

    /// <summary>
    /// How the dropout rate of every site changes over epochs. Default null: a linear ramp from one third of
    /// each site's target rate (0.1 for 0.3) to the target over the first half of <see cref="MaxEpochs"/>.
    /// RealMLP-TD's flat-then-cosine dropout is <c>new FlatCosineDropoutSchedule()</c> (the target rate for the first
    /// half of the epochs, then a half-cosine to 0); the others are in Microsoft.ML.Dropout.Schedules.
    /// </summary>
    public IDropoutSchedule? DropoutSchedule { get; set => field = Writable(value); }

    /// <summary>How weight decay is applied. Default <see cref="OptimizerKind.AdamW"/> (decoupled).</summary>
    public OptimizerKind Optimizer { get => _optimizer; set => _optimizer = OptionGuard.Defined(Writable(value), nameof(Optimizer)); }

    /// <summary>Weight decay λ on weight matrices. Default 0.01; ≥ 0 (1e-4 … 1e-2 is typical).</summary>
    public double WeightDecay { get => _weightDecay; set => _weightDecay = OptionGuard.NonNegative(Writable(value), nameof(WeightDecay)); }

    /// <summary>
    /// How λ changes over the optimizer steps: Constant, or RealMLP-TD's FlatCosine (λ for the first half of the steps,
    /// then a half-cosine to 0). Default <see cref="WeightDecayScheduleKind.Constant"/>.
    /// </summary>
    public WeightDecayScheduleKind WeightDecaySchedule { get => _weightDecaySchedule; set => _weightDecaySchedule = OptionGuard.Defined(Writable(value), nameof(WeightDecaySchedule)); }

    /// <summary>
    /// Adam's β₂ (decay of the squared-gradient average, AdamW and Adam alike). Default 0.999; range (0, 1);
    /// RealMLP-TD uses 0.95, which adapts faster to changing gradient scales.
    /// </summary>
    public double AdamBeta2 { get => _adamBeta2; set => _adamBeta2 = Optimization.OptimizerFactory.CheckBeta2(Writable(value)); }

    /// <summary>Also decay biases and normalization parameters (not recommended). Default false.</summary>
    public bool DecayBiasAndNorm { get; set => field = Writable(value); } = Dropout.Defaults.DecayBiasAndNorm;

    /// <summary>L1 penalty λ₁·Σ|w| on weight matrices, added to the loss. Default 0; ≥ 0.</summary>
    public double L1 { get => _l1; set => _l1 = OptionGuard.NonNegative(Writable(value), nameof(L1)); }

    /// <summary>
    /// Max-norm constraint: after each step, each unit's incoming weight vector is rescaled to norm ≤ c (3–4 is
    /// typical); with EnsembleSize &gt; 1 the rows of the shared weights and each member's output-head units, never
    /// TabM's adapters (see <c>Training.Callbacks.MaxNormEnforcement</c>). Default null (off); &gt; 0.
    /// </summary>
    public double? MaxNorm { get => _maxNorm; set => _maxNorm = OptionGuard.Positive(Writable(value), nameof(MaxNorm)); }

    /// <summary>Base (peak) learning rate. Default 1e-3; range (0, 10].</summary>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = Writable(value) > 0 ? OptionGuard.InRange(value, 0, 10, nameof(LearningRate)) : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, OptionGuard.Message(nameof(LearningRate), "a value in (0, 10]", value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Learning-rate schedule. Default <see cref="LearningRateScheduleKind.WarmupCosine"/>; RealMLP-TD uses
    /// <see cref="LearningRateScheduleKind.CosLog4"/>.
    /// </summary>
    public LearningRateScheduleKind LearningRateSchedule { get => _lrSchedule; set => _lrSchedule = OptionGuard.Defined(Writable(value), nameof(LearningRateSchedule)); }

    /// <summary>
    /// Warm-up epochs of <see cref="LearningRateScheduleKind.WarmupCosine"/>. Default null = 2, clamped to
    /// <see cref="MaxEpochs"/> − 1 for short runs; an explicit value must be ≥ 0 and &lt; <see cref="MaxEpochs"/>.
    /// </summary>
    public int? WarmupEpochs { get => _warmupEpochs; set => _warmupEpochs = OptionGuard.AtLeast(Writable(value), 0, nameof(WarmupEpochs)); }

    /// <summary>
    /// Rows per minibatch. Default null = by rule: the largest power of two ≤ training rows / 10 (after the validation
    /// split), within [16, 256] — 256 from 2,560 rows up, smaller batches (more steps per epoch) on small sets; ≥ 1. A
    /// value above the training rows is capped at them (reported in <see cref="TrainingResult.Warnings"/>); the value
    /// used is in <see cref="TrainingResult.Settings"/>.
    /// </summary>
    public int? BatchSize { get => _batchSize; set => _batchSize = OptionGuard.AtLeast(Writable(value), 1, nameof(BatchSize)); }

    /// <summary>
    /// Maximum number of epochs (early stopping may end sooner); ≥ 1. Default null = by rule: enough epochs for about
    /// 1,500 optimizer steps, within [50, 400] — 50 on sets with more than ≈ 8,000 rows, more on small sets. The value
    /// used is <see cref="ResolvedSettings.MaxEpochs"/> in <see cref="TrainingResult.Settings"/>.
    /// </summary>
    public int? MaxEpochs { get => _maxEpochs; set => _maxEpochs = OptionGuard.AtLeast(Writable(value), 1, nameof(MaxEpochs)); }

    /// <summary>Epochs without improvement before stopping; null turns early stopping off. Default 16; ≥ 0.</summary>
    public int? EarlyStoppingPatience { get => _patience; set => _patience = OptionGuard.AtLeast(Writable(value), 0, nameof(EarlyStoppingPatience)); }

    /// <summary>Smallest change of the monitored metric that counts as an improvement. Default 0; ≥ 0.</summary>
    public double EarlyStoppingMinDelta { get => _minDelta; set => _minDelta = OptionGuard.NonNegative(Writable(value), nameof(EarlyStoppingMinDelta)); }

    /// <summary>Epochs early stopping ignores at the start (neither best-epoch tracking nor patience counts them), e.g. while dropout ramps up. Default 0; ≥ 0.</summary>
    public int EarlyStoppingStartFromEpoch { get => _startFromEpoch; set => _startFromEpoch = OptionGuard.AtLeast(Writable(value), 0, nameof(EarlyStoppingStartFromEpoch)); }

    /// <summary>What early stopping monitors. Default <see cref="EarlyStoppingMetric.ValidationLoss"/>.</summary>
    public EarlyStoppingMetric EarlyStoppingMetric { get => _esMetric; set => _esMetric = OptionGuard.Defined(Writable(value), nameof(EarlyStoppingMetric)); }

    /// <summary>At the end, load the weights of the best validation epoch. Default true.</summary>
    public bool RestoreBestWeights { get; set => field = Writable(value); } = Dropout.Defaults.RestoreBestWeights;

    /// <summary>
    /// After training with a validation part split off the training rows (<see cref="ValidationFraction"/>), train
    /// again, from the same seed, on all the training rows for the epochs that run chose (its best epoch with
    /// <see cref="RestoreBestWeights"/>, else all its epochs), with its batch size and its planned epochs (so the
    /// schedules take the same course per epoch), and return that model: the validation rows then train too
    /// (AutoGluon's <c>refit_full</c>; Keras users refit with the epoch count early stopping found). Costs up to a
    /// second training. <see cref="TrainingResult.History"/>, <see cref="TrainingResult.BestEpoch"/> and the stop
    /// reason are the first run's, <see cref="TrainingResult.RefitEpochs"/> says how long the refit ran; a
    /// temperature (<c>CalibrateWithTemperature</c>) is fitted on the first run's held-out rows and applied to the
    /// refit model. The <see cref="Callbacks"/> run in the refit too (their <see cref="ITrainingCallback.OnTrainBegin"/> starts it; a callback's <see cref="TrainingContext.Stop"/> ends it early), <see cref="Progress"/> reports the first run only and <see cref="Logger"/> logs both. Not applied when a validation set is passed to Fit, with streamed data, with
    /// <see cref="ValidationFraction"/> = 0, with <see cref="LearningRateScheduleKind.ReduceOnPlateau"/> (its course
    /// depends on the validation loss; a warning says so), or when the first run was cancelled; cancelling the refit
    /// returns the first run's model with <see cref="StopReason.Cancelled"/>. If the refit fails (e.g. diverges: <see cref="InvalidOperationException"/>), Fit returns the first run's model with a warning. Default true (suite score S +1.42 → +2.04 on the validation splits, bench/Quality/RESULTS.md); false halves the training time.
    /// </summary>
    public bool RefitOnAllRows { get; set => field = Writable(value); } = Dropout.Defaults.RefitOnAllRows;

    /// <summary>
    /// Fraction of the training rows held out for validation when no validation set is given (stratified for
    /// classification); 0 = none. Default 0.1; range [0, 0.5]. Ignored when a validation set is passed to <c>Fit</c>.
    /// </summary>
    public double ValidationFraction { get => _validationFraction; set => _validationFraction = OptionGuard.InRange(Writable(value), 0, 0.5, nameof(ValidationFraction)); }

    /// <summary>Clip the global gradient L2 norm at this value; null = off. Default 1.0; &gt; 0.</summary>
    public double? GradientClipNorm { get => _gradientClipNorm; set => _gradientClipNorm = OptionGuard.Positive(Writable(value), nameof(GradientClipNorm)); }

    /// <summary>
    /// Decay d of an exponential moving average of the weights (Polyak averaging), which validation and the final
    /// model use instead of the last weights: after every optimizer step, average ← d·average + (1 − d)·weights with
    /// d = min(<see cref="WeightAveragingDecay"/>, (1 + t) / (10 + t)) at step t (TensorFlow's
    /// <c>ExponentialMovingAverage</c> warm-up, so short runs are not dominated by the initial weights). It gives part
    /// of an ensemble's gain for one multiply-add per parameter and step. Keras: <c>use_ema=True,
    /// ema_momentum=d</c>; PyTorch: <c>AveragedModel(model, multi_avg_fn=get_ema_multi_avg_fn(d))</c>.
    /// With early stopping, the validation loss, the best epoch and the restored best weights are all the average's;
    /// training continues from the live weights. Parameters only: BatchNorm's running statistics stay the live
    /// model's (see <see cref="Training.Callbacks.WeightAveraging"/>). Default 0.99 (about the last 100 steps once the
    /// warm-up has passed; chosen across the 14-dataset suite, bench/Quality/RESULTS.md); null = off (the last weights);
    /// range (0, 1), e.g. 0.999 for runs of many thousands of steps.
    /// </summary>
    public double? WeightAveragingDecay
    {
        get => _weightAveragingDecay;
        set => _weightAveragingDecay = Writable(value) is double d ? Training.Callbacks.WeightAveraging.CheckDecay(d) : null;
    }

    /// <summary>Seed for initialization, shuffling, validation split and dropout masks. Same seed, same machine ⇒ identical weights. Default 0.</summary>
    public int Seed { get; set => field = Writable(value); } = Dropout.Defaults.Seed;

    /// <summary>
    /// Threads TorchSharp may use for training. Default null = 1 thread: for MLPs of a few hundred units per layer,
    /// libtorch's intra-op threads cost more than they gain (measured on 2 cores, 32k × 105 rows, [256, 128]:
    /// 0.40 s/epoch with 1 thread, 1.74 s/epoch with 2 while other work ran). Raise it for wide layers (≥ 1024) on an otherwise idle machine. ≥ 1.
    /// </summary>
    public int? NumberOfThreads { get => _threads; set => _threads = OptionGuard.AtLeast(Writable(value), 1, nameof(NumberOfThreads)); }

    /// <summary>
    /// GPU to train on, with the meaning of <c>MLContext.GpuDeviceId</c>: null = CPU. This trainer trains on the CPU
    /// only; asking for a GPU fails at Fit with a message naming what is missing (a TorchSharp-cuda-linux or
    /// TorchSharp-cuda-windows package, and GPU training, which this library does not implement), unless
    /// <see cref="FallbackToCpu"/> is set. Default null; ≥ 0.
    /// </summary>
    public int? GpuDeviceId { get => _gpuDeviceId; set => _gpuDeviceId = OptionGuard.AtLeast(Writable(value), 0, nameof(GpuDeviceId)); }

    /// <summary>
    /// With the meaning of <c>MLContext.FallbackToCpu</c>: when <see cref="GpuDeviceId"/> asks for a GPU that cannot
    /// be used, train on the CPU and report a warning (log and <see cref="TrainingResult.Warnings"/>) instead of
    /// failing. Default false.
    /// </summary>
    public bool FallbackToCpu { get; set => field = Writable(value); }

    /// <summary>Receives each epoch's metrics as training runs. Default null.</summary>
    public IProgress<EpochMetrics>? Progress { get; set => field = Writable(value); }

    /// <summary>
    /// Receives each epoch's metrics, why training stopped and which epoch's weights were restored (Information
    /// level), and the warnings of <see cref="TrainingResult.Warnings"/> (Warning level). Default null (no logging).
    /// </summary>
    public ILogger? Logger { get; set => field = Writable(value); }

    /// <summary>Callbacks run around each epoch and batch, in <see cref="ITrainingCallback.Order"/>. Default empty (a read-only list when <see cref="MlpArchitecture.IsReadOnly"/>).</summary>
    public IList<ITrainingCallback> Callbacks => IsReadOnly ? _callbacks.AsReadOnly() : _callbacks;

    /// <summary>
    /// A copy of the same type whose settings, arrays and callback list are independent of this instance (the
    /// dropout schedule, progress sink and callback objects themselves are shared). Trainers keep such a copy, so
    /// changing the options object afterwards does not change a trainer that already exists. The copy is writable,
    /// also when this instance <see cref="MlpArchitecture.IsReadOnly"/>.
    /// </summary>
    public MlpTrainerOptions Clone()
    {
        var copy = (MlpTrainerOptions)MemberwiseClone();
        copy.IsReadOnly = false;
        copy.DetachFrom(this);
        return copy;
    }

    /// <summary>Gives this fresh memberwise copy its own mutable collections; subclasses detach theirs.</summary>
    private protected virtual void DetachFrom(MlpTrainerOptions original) => _callbacks = new List<ITrainingCallback>(original._callbacks);

    /// <summary>
    /// Checks the options against each other and against <paramref name="task"/> (e.g. one class weight per
    /// class); throws <see cref="ArgumentException"/> listing every problem and its fix.
    /// </summary>
    public void Validate(TrainingTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var errors = new List<string>();
        CollectConflicts(errors);
        CollectTaskConflicts(task, errors);
        OptionGuard.ThrowIfAny(errors);
    }

    /// <inheritdoc/>
    private protected override void CollectConflicts(List<string> errors)
    {
        base.CollectConflicts(errors);
        if (_lrSchedule == LearningRateScheduleKind.WarmupCosine && _warmupEpochs is int warmup && warmup >= _maxEpochs)
            errors.Add($"WarmupEpochs = {warmup} must be smaller than MaxEpochs = {_maxEpochs}.");
        if (Normalization == Normalization.BatchNorm && BatchSize == 1)
            errors.Add("Normalization = BatchNorm with BatchSize = 1: a batch of one row has no variance, so every score would be NaN. Use BatchSize ≥ 2 (e.g. 32), or Normalization = LayerNorm.");
    }

    /// <summary>Adds one message per conflict between these options and <paramref name="task"/>; subclasses add theirs.</summary>
    private protected virtual void CollectTaskConflicts(TrainingTask task, List<string> errors)
    {
    }
}
