namespace Microsoft.ML.Dropout;

/// <summary>Which member of the dropout family the hidden layers use.</summary>
public enum DropoutKind
{
    /// <summary>Inverted Bernoulli dropout after the activation: r⊙y/(1−p), identity at inference.</summary>
    Standard,
    /// <summary>Multiplicative Gaussian noise N(1, p/(1−p)): same mean and variance as Bernoulli dropout.</summary>
    Gaussian,
    /// <summary>Alpha dropout for SELU networks: keeps mean 0 and variance 1.</summary>
    Alpha,
    /// <summary>DropConnect: masks individual weights of the following Linear layer instead of activations.</summary>
    DropConnect,
    /// <summary>Concrete dropout (Gal et al. 2017): the rate of each layer is learned; the configured rate is the initial value.</summary>
    Concrete,
}
