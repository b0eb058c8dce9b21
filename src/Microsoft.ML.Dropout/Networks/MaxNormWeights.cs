using Microsoft.ML.Dropout.Modules;
using Microsoft.ML.Dropout.Networks.Tabular;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks;

/// <summary>
/// The weights the max-norm constraint bounds (Srivastava et al. 2014: each hidden or output unit's incoming weight
/// vector), found by module type. In every one of them a unit's incoming weights lie along axis 1: the rows of a
/// Linear or DropConnect weight [out, in], of a BatchEnsemble layer's shared weight [out, in] (the members share it),
/// and the columns [i, :, o] of the members' own output heads [k, in, out] (each member's unit on its own).
/// </summary>
/// <remarks>
/// Not bounded: TabM's rank-1 adapters r and s and TabM-mini's scaling ([k, width] multipliers of the shared rows,
/// not incoming weights; member i's effective row s_i,o·(r_i ⊙ W_o) is therefore bounded by |s_i,o|·max|r_i|·c),
/// biases, normalization parameters, α of the parametric activation, and the tabular front (preprocessing,
/// numeric embeddings, front scaling), whose outputs are features rather than hidden units.
/// </remarks>
public static class MaxNormWeights
{
    /// <summary>The bounded weights of <paramref name="network"/> in module order.</summary>
    /// <param name="network">An <see cref="MlpNetwork"/>, a <see cref="TabularNetwork"/>, an <see cref="EnsembleMlp"/> or any module built of Linear layers.</param>
    public static IReadOnlyList<Parameter> Of(nn.Module network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var weights = new List<Parameter>();
        Collect(network, weights);
        return weights;
    }

    private static void Collect(nn.Module module, List<Parameter> weights)
    {
        switch (module)
        {
            case Linear linear:
                weights.Add(linear.weight!);
                return;
            case DropConnectLinear dropConnect:
                weights.Add(dropConnect.weight);
                return;
            case BatchEnsembleLinear batch:
                weights.Add(batch.Weight);
                return;
            case LinearEnsemble heads:
                weights.Add(heads.Weight);
                return;
            case TabularFront:
                return;
        }
        foreach (var child in module.children())
            Collect(child, weights);
    }
}
