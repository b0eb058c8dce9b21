namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// What runs on the raw features before the first hidden layer: fitted preprocessing, a numeric-feature embedding
/// and RealMLP's front scaling. Every property validates on assignment and names the option in its message.
/// </summary>
public sealed class TabularFrontOptions
{
    private FeaturePreprocessing _preprocessing = Dropout.Defaults.Preprocessing;
    private NumericEmbeddingKind _embedding = Dropout.Defaults.NumericEmbedding;
    private int _dimension = Dropout.Defaults.EmbeddingDimension, _frequencies = Dropout.Defaults.PeriodicFrequencies, _bins = Dropout.Defaults.PiecewiseLinearBins;
    private double _sigma = Dropout.Defaults.PeriodicSigma;

    /// <summary>Feature preprocessing fitted on the training rows. Default <see cref="FeaturePreprocessing.Quantile"/>.</summary>
    public FeaturePreprocessing Preprocessing { get => _preprocessing; set => _preprocessing = OptionGuard.Defined(value, nameof(Preprocessing)); }

    /// <summary>Numeric-feature embedding of the columns with three or more distinct training values. Default PiecewiseLinear.</summary>
    public NumericEmbeddingKind NumericEmbedding { get => _embedding; set => _embedding = OptionGuard.Defined(value, nameof(NumericEmbedding)); }

    /// <summary>Values per embedded feature d. Default 16; ≥ 1.</summary>
    public int EmbeddingDimension { get => _dimension; set => _dimension = OptionGuard.AtLeast(value, 1, nameof(EmbeddingDimension)); }

    /// <summary>Periodic: frequencies per feature K. Default 48; ≥ 1.</summary>
    public int PeriodicFrequencies { get => _frequencies; set => _frequencies = OptionGuard.AtLeast(value, 1, nameof(PeriodicFrequencies)); }

    /// <summary>Periodic: σ of the frequency initialisation. Default 0.1; &gt; 0.</summary>
    public double PeriodicSigma { get => _sigma; set => _sigma = OptionGuard.Positive(value, nameof(PeriodicSigma)); }

    /// <summary>Periodic: share the linear layer across features ("lite"). Default false.</summary>
    public bool PeriodicLite { get; set; } = Dropout.Defaults.PeriodicLite;

    /// <summary>Piecewise-linear: bins per feature from training quantiles. Default 48; ≥ 2.</summary>
    public int PiecewiseLinearBins { get => _bins; set => _bins = OptionGuard.AtLeast(value, 2, nameof(PiecewiseLinearBins)); }

    /// <summary>
    /// Piecewise-linear: how the bin edges are computed — training quantiles, or split thresholds of a per-feature tree
    /// on the labels (then <see cref="TabularFront.Fit"/> needs the training targets). Default null: target-aware when classification targets are given, quantile otherwise.
    /// </summary>
    public PiecewiseLinearBinning? PiecewiseLinearBinning { get; set => field = value is null ? null : OptionGuard.Defined(value.Value, nameof(PiecewiseLinearBinning)); }

    /// <summary>
    /// The most columns the embedding embeds; with more, none is embedded (<see cref="TabularFront.SkippedEmbeddableColumns"/>).
    /// Default null: by rule for the training rows (<see cref="EmbeddedColumnsRule.MaxColumns"/>:
    /// 128, up to 1,024 on wide data with few rows); ≥ 0.
    /// </summary>
    public int? MaxEmbeddedColumns { get; set => field = value is null ? null : OptionGuard.AtLeast(value.Value, 0, nameof(MaxEmbeddedColumns)); }

    /// <summary>RealMLP-TD's front diagonal scaling after the embedding. Default false.</summary>
    public bool FrontScale { get; set; }

    /// <summary>The front scales' learning-rate factor (<see cref="Tabular.FrontScale.LearningRateFactor"/>). Default <see cref="Dropout.Defaults.FrontScaleLearningRateFactor"/>; &gt; 0.</summary>
    public double FrontScaleLearningRateFactor { get; set => field = OptionGuard.Positive(value, nameof(FrontScaleLearningRateFactor)); } = Dropout.Defaults.FrontScaleLearningRateFactor;

    /// <summary>Whether anything runs before the first hidden layer.</summary>
    public bool IsActive => Preprocessing != FeaturePreprocessing.None || NumericEmbedding != NumericEmbeddingKind.None || FrontScale;

    /// <summary>A copy (estimators copy options when constructed).</summary>
    public TabularFrontOptions Clone() => (TabularFrontOptions)MemberwiseClone();
}
