namespace MLNetRegularization.Samples.Datasets;

/// <summary>How <see cref="TabularFeaturizer"/> rescales numeric columns (fitted on the training rows).</summary>
public enum NumericScaling
{
    /// <summary>(x − mean)/std: centred, unit variance. The default.</summary>
    MeanVariance,
    /// <summary>(x − min)/(max − min): into [0, 1].</summary>
    MinMax,
    /// <summary>Equal-frequency binning into [0, 1] (up to 1,024 bins): a coarse quantile transform, robust to heavy tails.</summary>
    Quantile,
    /// <summary>Unchanged.</summary>
    None,
    /// <summary>
    /// Mean/variance scaling plus a one-hot of each numeric column's quantile bin (up to 16 bins per column), so a
    /// network sees thresholds (e.g. capital gain &gt; 0) as directly as a tree does.
    /// </summary>
    MeanVarianceWithBins,
}
