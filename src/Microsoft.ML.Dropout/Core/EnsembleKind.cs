namespace Microsoft.ML.Dropout;

/// <summary>How the k members of a parameter-efficient ensemble (TabM, Gorishniy et al. 2024) differ.</summary>
public enum EnsembleKind
{
    /// <summary>
    /// TabM: every hidden linear layer is a <c>BatchEnsembleLinear</c> — shared W, per-member rank-1
    /// adapters r_i, s_i and bias b_i: y_i = s_i ⊙ (W(r_i ⊙ x_i)) + b_i; each member has its own output head.
    /// </summary>
    BatchEnsemble,

    /// <summary>
    /// TabM-mini: only one per-member scaling of the input (<c>EnsembleScale</c>) before fully shared hidden
    /// layers; each member has its own output head.
    /// </summary>
    Mini,
}
