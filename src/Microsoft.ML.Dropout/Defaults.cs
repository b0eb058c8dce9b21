namespace Microsoft.ML.Dropout;

/// <summary>
/// Every default of the trainer options, named once: the engine options (<c>MlpArchitecture</c>,
/// <c>MlpTrainerOptions</c> and its task-specific subclasses), the ML.NET trainers' options and the catalog
/// methods' optional parameters all use these constants. A default that depends on the data (the batch size) is
/// a null option resolved by <c>ResolvedSettings</c>; the rule's constants live here too.
/// </summary>
public static class Defaults
{
    /// <summary>Hidden layer widths [256, 128].</summary>
    public static IReadOnlyList<int> HiddenLayers => new[] { 256, 128 };
    /// <summary>GELU.</summary>
    public const Dropout.Activation Activation = Dropout.Activation.Gelu;
    /// <summary>LayerNorm.</summary>
    public const Dropout.Normalization Normalization = Dropout.Normalization.LayerNorm;
    /// <summary>No residual blocks.</summary>
    public const bool Residual = false;
    /// <summary>0.3: the target hidden dropout rate reached by the default ramp schedule.</summary>
    public const double DropoutRate = 0.3;
    /// <summary>No input dropout.</summary>
    public const double InputDropoutRate = 0;
    /// <summary>Standard (inverted) dropout.</summary>
    public const Dropout.DropoutKind DropoutKind = Dropout.DropoutKind.Standard;
    /// <summary>No DropPath.</summary>
    public const double DropPathRate = 0;

    /// <summary>
    /// The quantile transform to a normal distribution, fitted inside the model (TabM's preprocessing): no normalizer
    /// is needed in the pipeline, a missing value becomes the training median. Chosen across the 14-dataset suite
    /// (bench/Quality/RESULTS.md) together with <see cref="NumericEmbedding"/>.
    /// </summary>
    public const FeaturePreprocessing Preprocessing = FeaturePreprocessing.Quantile;
    /// <summary>
    /// Piecewise-linear encoding of the numeric columns (48 quantile bins, 16 values per column): the one
    /// embedding that raised the suite score on both classification and regression sets (bench/Quality/RESULTS.md).
    /// </summary>
    public const NumericEmbeddingKind NumericEmbedding = NumericEmbeddingKind.PiecewiseLinear;
    /// <summary>
    /// Embed every embeddable column when there are at most 128 of them, whatever the row count (the shared suite's
    /// sets all are; the embedding was chosen on them). Wider data is embedded too while it is affordable, up to
    /// <see cref="MaxEmbeddedColumnsForWideData"/> columns and <see cref="EmbeddedCellBudget"/> embedded values per
    /// epoch (the embedded-columns rule of the tabular networks); beyond that the embedding is skipped (a warning says
    /// so), because the first layer reads 16 values per column and training and scoring cost about 16× as much.
    /// </summary>
    public const int EmbeddedColumnsAtAnyRowCount = 128;
    /// <summary>
    /// The most columns the rule embeds on wide data with few rows (the first layer then reads 16,384 values). On
    /// synthetic wide data (200–600 Gaussian columns, five informative) embedding them all lowered the RMSE by 11–41%
    /// and raised accuracy by 1.4–15.6 points against the 128-column cap (bench/Quality/RESULTS.md, "Wide data").
    /// </summary>
    public const int MaxEmbeddedColumnsForWideData = 1_024;
    /// <summary>
    /// Embedded columns × training rows the rule allows above 128 columns: 2²¹, the embedding work of 128 columns over
    /// 16,384 rows, so wide data with many rows (MNIST's 784 pixels over 54,000 rows) stays unembedded and fast.
    /// </summary>
    public const long EmbeddedCellBudget = 2_097_152;
    /// <summary>16 values per embedded feature (TabM's piecewise-linear default).</summary>
    public const int EmbeddingDimension = 16;
    /// <summary>48 frequencies per feature (rtdl_num_embeddings).</summary>
    public const int PeriodicFrequencies = 48;
    /// <summary>σ = 0.1 (RealMLP-TD); the papers tune it (8–96 on Adult, 0.02–0.5 on California).</summary>
    public const double PeriodicSigma = 0.1;
    /// <summary>One linear layer per embedded feature (not the shared "lite" one).</summary>
    public const bool PeriodicLite = false;
    /// <summary>48 bins per feature (rtdl_num_embeddings).</summary>
    public const int PiecewiseLinearBins = 48;
    /// <summary>
    /// Quantile bin edges (the "Q" bins of rtdl_num_embeddings), the ones the suite score was measured with
    /// (bench/Quality/RESULTS.md); <see cref="Dropout.PiecewiseLinearBinning.TargetAware"/> is the tree-based alternative.
    /// </summary>
    public const Dropout.PiecewiseLinearBinning PiecewiseLinearBinning = Dropout.PiecewiseLinearBinning.Quantile;
    /// <summary>
    /// Classification's bins: target-aware (tree) edges — a default that depends on the task, as RealMLP's do. On the
    /// suite's validation splits they raised every classification set's d or left it within 0.21 (Adult −1.51 → −1.02,
    /// hpc −1.11 → +0.39); for regression they made California worse (−0.26 → −2.67), so regression keeps quantile bins.
    /// </summary>
    public const Dropout.PiecewiseLinearBinning ClassificationPiecewiseLinearBinning = Dropout.PiecewiseLinearBinning.TargetAware;
    /// <summary>
    /// Target-aware bins: a tree leaf (a bin) holds at least 64 training rows — <c>min_samples_leaf</c> of the
    /// tree-based bins in rtdl_num_embeddings' <c>compute_bins</c> example — so a set of n rows gets at most
    /// n / 64 bins per feature.
    /// </summary>
    public const int TargetAwareBinMinLeafRows = 64;
    /// <summary>
    /// Target-aware bins: a split must lower the tree's impurity by at least 1e-4 (<c>min_impurity_decrease</c> of the
    /// same example; sklearn's weighted decrease, on standardized targets for regression).
    /// </summary>
    public const double TargetAwareBinMinImpurityDecrease = 1e-4;
    /// <summary>
    /// A learned per-value scale between the numeric embedding and the first dense layer (RealMLP's front scaling):
    /// on, suite score S −0.17 → +0.27 alone and +0.40 with target-aware bins for classification (validation splits,
    /// bench/Quality/RESULTS.md, round 6). Scoring folds it into the first dense layer. Applies when a numeric
    /// embedding is used (the options' FrontScale = null).
    /// </summary>
    public const bool FrontScale = true;
    /// <summary>
    /// 6 (RealMLP-TD's <c>scale_lr_factor</c>): the front scales learn six times as fast as the weights, so the layer
    /// can shrink uninformative columns within the step budget. On the suite's validation splits (defaults v6 → v7,
    /// tenth session, pre-registered): S +1.37 → +2.14 over seeds 1–3 with 10 of 14 sets up or equal, confirmed on
    /// seeds 1–6 (+1.47 → +1.95; ames +5.1 → +6.3, california +1.4 → +1.7, dna −0.56 → −0.36, boston +12.0 → +16.3);
    /// the factors 30 and 100 scored +1.50 and +1.62 (bench/Quality/RESULTS.md, round 10).
    /// </summary>
    public const double FrontScaleLearningRateFactor = 6.0;
    /// <summary>Plain activations (no learned α).</summary>
    public const bool ParametricActivation = false;
    /// <summary>One network (no ensemble).</summary>
    public const int EnsembleSize = 1;
    /// <summary>TabM's BatchEnsemble.</summary>
    public const EnsembleKind EnsembleKind = Dropout.EnsembleKind.BatchEnsemble;

    /// <summary>AdamW (decoupled weight decay).</summary>
    public const OptimizerKind Optimizer = OptimizerKind.AdamW;
    /// <summary>0.01 (AdamW, decoupled).</summary>
    public const double WeightDecay = 0.01;
    /// <summary>Constant weight decay (RealMLP-TD uses FlatCosine).</summary>
    public const WeightDecayScheduleKind WeightDecaySchedule = WeightDecayScheduleKind.Constant;
    /// <summary>Adam's β₂ = 0.999 (PyTorch's default; RealMLP-TD uses 0.95).</summary>
    public const double AdamBeta2 = 0.999;
    /// <summary>Biases and normalization parameters are not decayed.</summary>
    public const bool DecayBiasAndNorm = false;
    /// <summary>No L1 penalty.</summary>
    public const double L1 = 0;
    /// <summary>1e-3.</summary>
    public const double LearningRate = 1e-3;
    /// <summary>Warm-up then cosine annealing.</summary>
    public const LearningRateScheduleKind LearningRateSchedule = LearningRateScheduleKind.WarmupCosine;
    /// <summary>
    /// 2 epochs of linear warm-up. Applied when <c>WarmupEpochs</c> is null, clamped to <c>MaxEpochs − 1</c> so that a
    /// short run still has epochs after the warm-up.
    /// </summary>
    public const int WarmupEpochs = 2;
    /// <summary>
    /// 256 rows per minibatch at most: when <c>BatchSize</c> is null the batch size is the largest power of two
    /// ≤ training rows / <see cref="BatchRowsDivisor"/>, within [<see cref="MinBatchSize"/>, 256] and never more than
    /// the training rows (after the validation split).
    /// </summary>
    public const int MaxBatchSize = 256;
    /// <summary>16 rows per minibatch at least when the batch size is chosen by rule (unless there are fewer rows).</summary>
    public const int MinBatchSize = 16;
    /// <summary>
    /// Batch-size rule: at most training rows / 10, so that even small sets get about ten or more optimizer steps
    /// per epoch (RealMLP and TabM train small sets with small batches too).
    /// </summary>
    public const int BatchRowsDivisor = 10;
    /// <summary>
    /// Epoch rule: when <c>MaxEpochs</c> is null, enough epochs for about 1,500 optimizer steps, within
    /// [<see cref="MinMaxEpochs"/>, <see cref="MaxMaxEpochs"/>]. Sets with more than ≈ 8,000 rows get 50 epochs;
    /// small sets get more epochs of fewer steps each. Chosen across the 14-dataset suite (bench/Quality/RESULTS.md):
    /// 3,000 steps until the weight average (<see cref="WeightAveragingDecay"/>) became a default; with it, 1,500 steps
    /// scored higher (S +1.33 → +1.42) with half the planned steps on small sets.
    /// </summary>
    public const int TargetSteps = 1500;
    /// <summary>At least 50 epochs when <c>MaxEpochs</c> is chosen by rule.</summary>
    public const int MinMaxEpochs = 50;
    /// <summary>At most 400 epochs when <c>MaxEpochs</c> is chosen by rule.</summary>
    public const int MaxMaxEpochs = 400;
    /// <summary>Stop after 16 epochs without improvement (TabM's patience; 8 stopped too early on the suite's regression sets).</summary>
    public const int EarlyStoppingPatience = 16;
    /// <summary>Any improvement counts.</summary>
    public const double EarlyStoppingMinDelta = 0;
    /// <summary>Early stopping watches every epoch from the first (0 epochs ignored).</summary>
    public const int EarlyStoppingStartFromEpoch = 0;
    /// <summary>Early stopping monitors the validation loss.</summary>
    public const EarlyStoppingMetric EarlyStoppingMetric = EarlyStoppingMetric.ValidationLoss;
    /// <summary>Load the best validation epoch's weights at the end.</summary>
    public const bool RestoreBestWeights = true;
    /// <summary>
    /// Refit on all the training rows, validation part included, for the epochs the first run chose (see
    /// <c>MlpTrainerOptions.RefitOnAllRows</c>): on the 14-dataset suite's validation splits the suite score rose from
    /// S +1.42 to +2.04, 10 of 14 sets up or equal (bench/Quality/RESULTS.md, round 8), for up to a second training.
    /// </summary>
    public const bool RefitOnAllRows = true;
    /// <summary>10% of the training rows (stratified for classification) when no validation set is given.</summary>
    public const double ValidationFraction = 0.1;
    /// <summary>Clip the global gradient norm at 1.0.</summary>
    public const double GradientClipNorm = 1.0;
    /// <summary>
    /// 0.99 (Keras' <c>ema_momentum</c>): validation and the final model use an exponential moving average of the
    /// weights, with TensorFlow's warm-up. On the suite's validation splits it raised the suite score S from +0.40 to
    /// +1.33 (11 of 14 sets better or equal; ames +0.8 → +4.6, concrete −6.5 → −2.8; bench/Quality/RESULTS.md,
    /// round 7; with the 1,500-step epoch rule +1.42); 0.999 scored the same. Set the option to null for the last weights.
    /// </summary>
    public static readonly double? WeightAveragingDecay = 0.99;
    /// <summary>Seed 0.</summary>
    public const int Seed = 0;
    /// <summary>One libtorch thread when <c>NumberOfThreads</c> is null.</summary>
    public const int NumberOfThreads = 1;
    /// <summary>
    /// A validation part with fewer rows than this is reported in <c>TrainingResult.Warnings</c>: its loss is too
    /// noisy for early stopping to be reliable.
    /// </summary>
    public const int SmallValidationRows = 100;

    /// <summary>
    /// 0 (off). Measured on UCI Adult (80/20 split of adult.data): ε = 0.1 left accuracy unchanged
    /// (0.861 vs 0.859) but raised the holdout ECE from 0.010 to 0.030 (0.023 even after temperature scaling),
    /// and on the noiseless synthetic benchmark it cut validation accuracy from 0.897 to 0.758. Re-measured on the v5
    /// defaults over the suite's nine classification validation splits (ninth session): no gain in the suite score
    /// (+0.39 vs +0.40), coil2000's AUC −1.1 points, Adult's ECE doubled; on multiclass sets it raised accuracy (dna,
    /// hpc-data, MNIST) but multiplied MNIST's ECE by 11 (with v6's temperature its ECE stays 0.004) and makes the
    /// reference overfitting test fail — kept at 0 (bench/Quality/RESULTS.md).
    /// </summary>
    public const double LabelSmoothing = 0.0;
    /// <summary>
    /// Null: temperature scaling by rule — on when the validation part has at least <see cref="SmallValidationRows"/>
    /// rows. On the suite's nine classification validation splits (v5 defaults, seeds 1–6; bench/Quality/RESULTS.md)
    /// a temperature fitted on the internal validation part left accuracy unchanged, brought Adult's ECE from 0.0146
    /// to 0.0100 (LightGBM 0.0124) and lowered every multiclass set's ECE and log-loss; on the smallest parts
    /// (breast-cancer's 37 rows, german-credit's 65) it raised the log-loss, hence the 100-row floor. With the rule:
    /// mean ECE 0.0378 → 0.0350, mean log-loss 0.4186 → 0.4133.
    /// </summary>
    public static readonly bool? CalibrateWithTemperature = null;

    /// <summary>Mean squared error on standardized targets.</summary>
    public const RegressionLoss Loss = RegressionLoss.Mse;
    /// <summary>Huber threshold 1 on standardized targets.</summary>
    public const double HuberDelta = 1.0;

    /// <summary>ML.NET trainers: label column "Label".</summary>
    public const string LabelColumnName = "Label";
    /// <summary>ML.NET trainers: feature column "Features".</summary>
    public const string FeatureColumnName = "Features";
    /// <summary>ML.NET trainers: at most 4 GiB of training data read into memory.</summary>
    public const long MemoryBudgetBytes = 4L << 30;
    /// <summary>ML.NET trainers: hold the data in memory while it fits a third of the memory budget, stream it when larger.</summary>
    public const StreamingMode Streaming = StreamingMode.Auto;
    /// <summary>ML.NET classification trainers: class weights are not derived from class frequencies.</summary>
    public const bool UnbalancedSets = false;
}
