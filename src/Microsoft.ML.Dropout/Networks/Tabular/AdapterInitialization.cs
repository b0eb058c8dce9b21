namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>How a per-member scaling adapter starts (TabM's <c>init_scaling_</c>).</summary>
public enum AdapterInitialization
{
    /// <summary>All ones: the member starts as the shared layer.</summary>
    Ones,

    /// <summary>Independent ±1 with probability ½ each (TabM's default for the first adapter without embeddings).</summary>
    RandomSigns,

    /// <summary>Independent N(0, 1) (TabM's default for the first adapter with numeric embeddings).</summary>
    Normal,
}
