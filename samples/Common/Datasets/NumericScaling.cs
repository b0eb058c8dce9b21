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
}
