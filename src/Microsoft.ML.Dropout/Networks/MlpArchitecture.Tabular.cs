using Microsoft.ML.Dropout.Networks.Tabular;

namespace Microsoft.ML.Dropout.Networks;

/// <summary>The modern tabular MLP options: preprocessing inside the model, numeric-feature embeddings, front scaling and TabM ensembles.</summary>
public partial class MlpArchitecture
{
    private FeaturePreprocessing _preprocessing = Dropout.Defaults.Preprocessing;
    private NumericEmbeddingKind _numericEmbedding = Dropout.Defaults.NumericEmbedding;
    private int _embeddingDimension = Dropout.Defaults.EmbeddingDimension;
    private int _periodicFrequencies = Dropout.Defaults.PeriodicFrequencies;
    private double _periodicSigma = Dropout.Defaults.PeriodicSigma;
    private int _piecewiseLinearBins = Dropout.Defaults.PiecewiseLinearBins;
    private int? _maxEmbeddedColumns;
    private int _ensembleSize = Dropout.Defaults.EnsembleSize;
    private EnsembleKind _ensembleKind = Dropout.Defaults.EnsembleKind;

    /// <summary>
    /// Feature preprocessing fitted on the training rows and stored in the model (and its ONNX graph). With any
    /// kind but None, a missing value (NaN) is replaced by the training median and is no longer an error, and the
    /// features need no normalizer in the pipeline. Default <see cref="FeaturePreprocessing.Quantile"/> (a quantile
    /// transform to a normal distribution), which also accepts ±∞: +∞ (−∞) maps to the column's top (bottom) quantile,
    /// as LightGBM puts it in its last (first) bin, and the ML.NET trainers' warnings count such values; the other
    /// kinds refuse ±∞. None gives the network the features as they are (then normalize them).
    /// </summary>
    public FeaturePreprocessing Preprocessing { get => _preprocessing; set => _preprocessing = OptionGuard.Defined(Writable(value), nameof(Preprocessing)); }

    /// <summary>
    /// Numeric-feature embedding of the columns with three or more distinct training values (at most
    /// <see cref="MaxEmbeddedColumns"/> of them). Default <see cref="NumericEmbeddingKind.PiecewiseLinear"/>
    /// (<see cref="PiecewiseLinearBins"/> quantile bins, <see cref="EmbeddingDimension"/> values per column).
    /// </summary>
    public NumericEmbeddingKind NumericEmbedding { get => _numericEmbedding; set => _numericEmbedding = OptionGuard.Defined(Writable(value), nameof(NumericEmbedding)); }

    /// <summary>Values per embedded feature. Default 16; ≥ 1.</summary>
    public int EmbeddingDimension { get => _embeddingDimension; set => _embeddingDimension = OptionGuard.AtLeast(Writable(value), 1, nameof(EmbeddingDimension)); }

    /// <summary>Periodic embeddings: frequencies per feature. Default 48; ≥ 1.</summary>
    public int PeriodicFrequencies { get => _periodicFrequencies; set => _periodicFrequencies = OptionGuard.AtLeast(Writable(value), 1, nameof(PeriodicFrequencies)); }

    /// <summary>Periodic embeddings: σ of the frequencies' initialisation (the sensitive knob). Default 0.1; &gt; 0.</summary>
    public double PeriodicSigma { get => _periodicSigma; set => _periodicSigma = OptionGuard.Positive(Writable(value), nameof(PeriodicSigma)); }

    /// <summary>Periodic embeddings: one linear layer shared by the features ("lite"). Default false.</summary>
    public bool PeriodicLite { get; set => field = Writable(value); } = Dropout.Defaults.PeriodicLite;

    /// <summary>Piecewise-linear embeddings: bins per feature (at most; see <see cref="PiecewiseLinearBinning"/>). Default 48; ≥ 2.</summary>
    public int PiecewiseLinearBins { get => _piecewiseLinearBins; set => _piecewiseLinearBins = OptionGuard.AtLeast(Writable(value), 2, nameof(PiecewiseLinearBins)); }

    /// <summary>
    /// Piecewise-linear embeddings: how the bin edges are computed from the training rows (never the validation rows).
    /// Default null: by task — <see cref="PiecewiseLinearBinning.TargetAware"/> for classification
    /// (<see cref="Dropout.Defaults.ClassificationPiecewiseLinearBinning"/>), <see cref="PiecewiseLinearBinning.Quantile"/>
    /// (at the training quantiles) for regression. <see cref="PiecewiseLinearBinning.TargetAware"/>:
    /// at the split thresholds of a per-feature decision tree on the labels (class Gini impurity or variance, at most
    /// <see cref="PiecewiseLinearBins"/> leaves of at least 64 rows), as the "T" bins of Gorishniy et al. 2022 —
    /// bins follow where the label changes, which helps features with spikes (many rows at one value).
    /// </summary>
    public PiecewiseLinearBinning? PiecewiseLinearBinning { get; set => field = value is null ? Writable(value) : OptionGuard.Defined(Writable(value.Value), nameof(PiecewiseLinearBinning)); }

    /// <summary>
    /// The most columns <see cref="NumericEmbedding"/> embeds: with more embeddable columns (three or more distinct
    /// training values) the network reads them unembedded and <c>TrainingResult.Warnings</c> says so — embedding every
    /// column of wide data multiplies the first layer's cost by <see cref="EmbeddingDimension"/>. Default null: by rule
    /// (<see cref="Tabular.EmbeddedColumnsRule.MaxColumns"/>) — 128 columns, and on wide data up to 1,024
    /// while columns × training rows ≤ 2²¹ (<see cref="Dropout.Defaults.EmbeddedCellBudget"/>); the refit keeps the first
    /// run's value. A number: at most that many, for any row count (int.MaxValue: every column); ≥ 0.
    /// </summary>
    public int? MaxEmbeddedColumns { get => _maxEmbeddedColumns; set => _maxEmbeddedColumns = value is null ? Writable(value) : OptionGuard.AtLeast(Writable(value.Value), 0, nameof(MaxEmbeddedColumns)); }

    /// <summary>
    /// RealMLP-TD's front diagonal scaling (a learned scale per value) before the first hidden layer. Default null: on
    /// when <see cref="NumericEmbedding"/> is not None (<see cref="Dropout.Defaults.FrontScale"/>; measured with the
    /// embedding), off for a plain MLP; true or false forces it.
    /// </summary>
    public bool? FrontScale { get; set => field = Writable(value); }

    /// <summary>
    /// How many times faster than <c>LearningRate</c> the <see cref="FrontScale"/> scales learn (RealMLP-TD's
    /// <c>scale_lr_factor</c> is 6): a larger factor lets the layer shrink uninformative columns within the training
    /// budget. Default <see cref="Dropout.Defaults.FrontScaleLearningRateFactor"/>; &gt; 0.
    /// </summary>
    public double FrontScaleLearningRateFactor { get; set => field = OptionGuard.Positive(Writable(value), nameof(FrontScaleLearningRateFactor)); } = Dropout.Defaults.FrontScaleLearningRateFactor;

    /// <summary><see cref="FrontScale"/> resolved: the explicit value, else on with a numeric embedding.</summary>
    internal bool UsesFrontScale => FrontScale ?? (Dropout.Defaults.FrontScale && _numericEmbedding != NumericEmbeddingKind.None);

    /// <summary>
    /// RealMLP-TD's parametric activation in every hidden layer: y = x + α ⊙ (f(x) − x) with f =
    /// <see cref="MlpArchitecture.Activation"/> and one learned α per unit, initialised to 1 (so training starts with f)
    /// and not weight-decayed (a 1-D parameter); α → 0 makes a unit linear. With EnsembleSize &gt; 1 the members share
    /// α, as they share every weight but TabM's adapters and biases. Default false.
    /// </summary>
    public bool ParametricActivation { get; set => field = Writable(value); } = Dropout.Defaults.ParametricActivation;

    /// <summary>
    /// k, the members of a TabM ensemble trained together (1 = the plain MLP). Each member's loss counts equally; the
    /// prediction is the members' mean probability (regression: mean output). Default 1; ≥ 1.
    /// </summary>
    public int EnsembleSize { get => _ensembleSize; set => _ensembleSize = OptionGuard.AtLeast(Writable(value), 1, nameof(EnsembleSize)); }

    /// <summary>BatchEnsemble (TabM) or Mini (TabM-mini). Default BatchEnsemble. Only with EnsembleSize &gt; 1.</summary>
    public EnsembleKind EnsembleKind { get => _ensembleKind; set => _ensembleKind = OptionGuard.Defined(Writable(value), nameof(EnsembleKind)); }

    /// <summary>Whether the network is a <see cref="TabularNetwork"/> (any tabular option on) rather than a plain <see cref="MlpNetwork"/>.</summary>
    public bool IsTabular => _preprocessing != FeaturePreprocessing.None || _numericEmbedding != NumericEmbeddingKind.None || UsesFrontScale || _ensembleSize > 1;

    /// <summary>The front options these settings describe.</summary>
    public TabularFrontOptions ToTabularFrontOptions() => new()
    {
        Preprocessing = _preprocessing, NumericEmbedding = _numericEmbedding, EmbeddingDimension = _embeddingDimension,
        PeriodicFrequencies = _periodicFrequencies, PeriodicSigma = _periodicSigma, PeriodicLite = PeriodicLite,
        PiecewiseLinearBins = _piecewiseLinearBins, PiecewiseLinearBinning = PiecewiseLinearBinning, MaxEmbeddedColumns = _maxEmbeddedColumns, FrontScale = UsesFrontScale,
        FrontScaleLearningRateFactor = FrontScaleLearningRateFactor,
    };

    private void CollectTabularConflicts(List<string> errors)
    {
        if (_ensembleSize > 1)
            errors.AddRange(TabularNetwork.EnsembleConflicts(this));
    }
}
