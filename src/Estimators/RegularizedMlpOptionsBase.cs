using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Optimization;
using Microsoft.ML.Dropout.Schedules;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// Options shared by the three RegularizedMlp trainers. Plain settable properties, so object initializers work;
/// values are validated (by the engine's <see cref="MlpTrainerOptions"/> and <see cref="MlpArchitecture"/>) when
/// the trainer is constructed, and copied then: changing this object afterwards does not change that trainer.
/// Defaults come from <see cref="MlpTrainerOptions.Defaults"/> and <see cref="MlpArchitecture.Defaults"/>.
/// </summary>
public abstract class RegularizedMlpOptionsBase
{
    /// <summary>Column with the label. Default "Label". Must exist in the training data.</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>Column with the features: a known-size vector of <see cref="float"/>. Default "Features".</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>Optional column of non-negative example weights (<see cref="float"/> or <see cref="double"/>). Default null (all rows weigh 1).</summary>
    public string? ExampleWeightColumnName { get; set; }

    /// <summary>Widths of the hidden layers, input side first. Default [256, 128]; at least one layer, each ≥ 1.</summary>
    public int[] HiddenLayers { get; set; } = MlpArchitecture.Defaults.HiddenLayers.ToArray();

    /// <summary>Hidden activation. Default <see cref="Dropout.Activation.Gelu"/>.</summary>
    public Activation Activation { get; set; } = MlpArchitecture.Defaults.Activation;

    /// <summary>Normalization after each hidden Linear layer. Default <see cref="Dropout.Normalization.LayerNorm"/>.</summary>
    public Normalization Normalization { get; set; } = MlpArchitecture.Defaults.Normalization;

    /// <summary>Wrap hidden layers of equal width in residual blocks. Default false.</summary>
    public bool Residual { get; set; }

    /// <summary>Maximum DropPath rate of residual branches (needs <see cref="Residual"/>). Default 0; range [0, 1).</summary>
    public double DropPathRate { get; set; }

    /// <summary>Target dropout rate of every hidden layer when <see cref="DropoutRates"/> is null. Default 0.3; range [0, 1).</summary>
    public double DropoutRate { get; set; } = MlpArchitecture.Defaults.DropoutRate;

    /// <summary>Per-hidden-layer target dropout rates (one per entry of <see cref="HiddenLayers"/>); overrides <see cref="DropoutRate"/>. Default null; each in [0, 1).</summary>
    public double[]? DropoutRates { get; set; }

    /// <summary>Dropout on the input features. Default 0; range [0, 1).</summary>
    public double InputDropoutRate { get; set; }

    /// <summary>Dropout variant of the hidden layers. Default <see cref="Dropout.DropoutKind.Standard"/>.</summary>
    public DropoutKind DropoutKind { get; set; } = DropoutKind.Standard;

    /// <summary>How dropout rates change over epochs. Default null: a linear ramp from a third of each target rate to the target over the first half of <see cref="MaxEpochs"/>.</summary>
    public IDropoutSchedule? DropoutSchedule { get; set; }

    /// <summary>How weight decay is applied. Default <see cref="OptimizerKind.AdamW"/> (decoupled).</summary>
    public OptimizerKind Optimizer { get; set; } = OptimizerKind.AdamW;

    /// <summary>Weight decay λ on weight matrices. Default 0.01; ≥ 0.</summary>
    public double WeightDecay { get; set; } = MlpTrainerOptions.Defaults.WeightDecay;

    /// <summary>Also decay biases and normalization parameters (not recommended). Default false.</summary>
    public bool DecayBiasAndNorm { get; set; }

    /// <summary>L1 penalty λ₁·Σ|w| on weight matrices. Default 0; ≥ 0.</summary>
    public double L1 { get; set; }

    /// <summary>Max-norm constraint on each unit's incoming weights. Default null (off); &gt; 0 (3–4 is typical).</summary>
    public double? MaxNorm { get; set; }

    /// <summary>Peak learning rate. Default 1e-3; range (0, 10].</summary>
    public double LearningRate { get; set; } = MlpTrainerOptions.Defaults.LearningRate;

    /// <summary>Learning-rate schedule. Default <see cref="LearningRateScheduleKind.WarmupCosine"/>.</summary>
    public LearningRateScheduleKind LearningRateSchedule { get; set; } = MlpTrainerOptions.Defaults.LearningRateSchedule;

    /// <summary>Warm-up epochs of <see cref="LearningRateScheduleKind.WarmupCosine"/>. Default 2; ≥ 0 and &lt; <see cref="MaxEpochs"/>.</summary>
    public int WarmupEpochs { get; set; } = MlpTrainerOptions.Defaults.WarmupEpochs;

    /// <summary>Rows per minibatch. Default 256; ≥ 1 and at most the number of training rows.</summary>
    public int BatchSize { get; set; } = MlpTrainerOptions.Defaults.BatchSize;

    /// <summary>Maximum number of epochs. Default 50; ≥ 1.</summary>
    public int MaxEpochs { get; set; } = MlpTrainerOptions.Defaults.MaxEpochs;

    /// <summary>Epochs without improvement before stopping; null turns early stopping off. Default 8; ≥ 0.</summary>
    public int? EarlyStoppingPatience { get; set; } = MlpTrainerOptions.Defaults.EarlyStoppingPatience;

    /// <summary>Smallest change of the monitored value that counts as an improvement. Default 0; ≥ 0.</summary>
    public double EarlyStoppingMinDelta { get; set; }

    /// <summary>What early stopping monitors. Default <see cref="Training.EarlyStoppingMetric.ValidationLoss"/>.</summary>
    public EarlyStoppingMetric EarlyStoppingMetric { get; set; } = EarlyStoppingMetric.ValidationLoss;

    /// <summary>Load the weights of the best validation epoch at the end. Default true.</summary>
    public bool RestoreBestWeights { get; set; } = true;

    /// <summary>
    /// Fraction of the training rows held out for validation when <c>Fit</c> gets no validation set (stratified for
    /// classification); 0 = none. Default 0.1; range [0, 0.5]. Ignored when a validation set is passed to <c>Fit</c>.
    /// </summary>
    public double ValidationFraction { get; set; } = MlpTrainerOptions.Defaults.ValidationFraction;

    /// <summary>Clip the global gradient norm at this value; null = off. Default 1.0; &gt; 0.</summary>
    public double? GradientClipNorm { get; set; } = MlpTrainerOptions.Defaults.GradientClipNorm;

    /// <summary>
    /// Seed for initialization, shuffling, the validation split and dropout masks (the catalog cannot hand us the
    /// MLContext's seed). Same seed and machine ⇒ identical model. Default 0.
    /// </summary>
    public int Seed { get; set; } = MlpTrainerOptions.Defaults.Seed;

    /// <summary>
    /// Threads TorchSharp may use for training. Default null = 1 thread: for MLPs of a few hundred units per layer,
    /// libtorch's intra-op threads cost more than they gain (measured on 2 cores, 32k × 105 rows, [256, 128]:
    /// 0.40 s/epoch with 1 thread, 1.74 s/epoch with 2 while other work ran). Raise it for wide layers (≥ 1024) on an otherwise idle machine. ≥ 1.
    /// </summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>Receives each epoch's metrics as training runs. Default null.</summary>
    public IProgress<EpochMetrics>? Progress { get; set; }

    /// <summary>Engine callbacks (early stopping variants, checkpoints, custom hooks), run in their <see cref="ITrainingCallback.Order"/>. Default empty.</summary>
    public IList<ITrainingCallback> Callbacks { get; set; } = new List<ITrainingCallback>();

    /// <summary>
    /// Largest training set, in bytes of features + labels + weights, read into memory. Training data is read with
    /// one cursor pass into contiguous float buffers; a larger data set is rejected with a message telling how to
    /// sample it (streaming in shuffled blocks is not implemented yet). Default 4 GiB; ≥ 1 MiB.
    /// </summary>
    public long MemoryBudgetBytes { get; set; } = 4L << 30;

    /// <summary>Copies everything into a fresh engine options object, whose setters validate each value.</summary>
    internal MlpTrainerOptions ToEngineOptions(TaskKind task)
    {
        var architecture = new MlpArchitecture
        {
            HiddenLayers = HiddenLayers ?? throw new ArgumentNullException(nameof(HiddenLayers)),
            Activation = Activation,
            Normalization = Normalization,
            Residual = Residual,
            DropPathRate = DropPathRate,
            DropoutRate = DropoutRate,
            DropoutRates = DropoutRates,
            InputDropoutRate = InputDropoutRate,
            DropoutKind = DropoutKind,
        };
        var options = new MlpTrainerOptions
        {
            Task = task,
            Architecture = architecture,
            DropoutSchedule = DropoutSchedule,
            Optimizer = Optimizer,
            WeightDecay = WeightDecay,
            DecayBiasAndNorm = DecayBiasAndNorm,
            L1 = L1,
            MaxNorm = MaxNorm,
            LearningRate = LearningRate,
            LearningRateSchedule = LearningRateSchedule,
            WarmupEpochs = WarmupEpochs,
            BatchSize = BatchSize,
            MaxEpochs = MaxEpochs,
            EarlyStoppingPatience = EarlyStoppingPatience,
            EarlyStoppingMinDelta = EarlyStoppingMinDelta,
            EarlyStoppingMetric = EarlyStoppingMetric,
            RestoreBestWeights = RestoreBestWeights,
            ValidationFraction = ValidationFraction,
            GradientClipNorm = GradientClipNorm,
            Seed = Seed,
            NumberOfThreads = NumberOfThreads,
            LabelSmoothing = 0,
        };
        foreach (var callback in Callbacks ?? [])
            options.Callbacks.Add(callback);
        ApplyTaskOptions(options);
        return options;
    }

    /// <summary>Sets the task-specific engine options (label smoothing, class weights, regression loss).</summary>
    private protected abstract void ApplyTaskOptions(MlpTrainerOptions options);

    /// <summary>A shallow copy with its own arrays and callback list, so later edits of this object do not leak into a trainer.</summary>
    internal RegularizedMlpOptionsBase Freeze()
    {
        var copy = (RegularizedMlpOptionsBase)MemberwiseClone();
        copy.HiddenLayers = HiddenLayers?.ToArray()!;
        copy.DropoutRates = DropoutRates?.ToArray();
        copy.Callbacks = (Callbacks ?? []).ToList();
        FreezeTaskOptions(copy);
        return copy;
    }

    /// <summary>Copies task-specific arrays into <paramref name="copy"/>.</summary>
    private protected virtual void FreezeTaskOptions(RegularizedMlpOptionsBase copy) { }

    /// <summary>ML.NET-side checks the engine cannot make: column names and the memory budget.</summary>
    internal void ValidateAdapterOptions()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(LabelColumnName))
            errors.Add($"Invalid value for option '{nameof(LabelColumnName)}': expected the name of the label column. Received: '{LabelColumnName}'.");
        if (string.IsNullOrWhiteSpace(FeatureColumnName))
            errors.Add($"Invalid value for option '{nameof(FeatureColumnName)}': expected the name of a known-size vector column of Single. Received: '{FeatureColumnName}'.");
        if (ExampleWeightColumnName is not null && ExampleWeightColumnName.Trim().Length == 0)
            errors.Add($"Invalid value for option '{nameof(ExampleWeightColumnName)}': expected null (no weights) or a column name. Received: '{ExampleWeightColumnName}'.");
        if (!string.IsNullOrWhiteSpace(LabelColumnName) && LabelColumnName == FeatureColumnName)
            errors.Add($"'{nameof(LabelColumnName)}' and '{nameof(FeatureColumnName)}' are both '{LabelColumnName}': the label must be a separate column.");
        if (MemoryBudgetBytes < 1 << 20)
            errors.Add($"Invalid value for option '{nameof(MemoryBudgetBytes)}': expected at least 1048576 (1 MiB). Received: {MemoryBudgetBytes}.");
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(Environment.NewLine, errors));
    }
}
