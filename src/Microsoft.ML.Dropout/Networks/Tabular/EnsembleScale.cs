using Microsoft.ML.Dropout.Snapshots.Tabular;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// TabM-mini's only non-shared piece: a per-member scaling of the row, y_i = w_i ⊙ x_i (TabM's ElementwiseAffine
/// without bias). Input and output [N, k, D]. Parameter "weight" [k, D], random signs by default.
/// </summary>
public sealed class EnsembleScale : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;

    /// <summary>Creates the scaling.</summary>
    /// <param name="members">k ≥ 1.</param>
    /// <param name="size">D ≥ 1.</param>
    /// <param name="initialization">Default RandomSigns (TabM-mini without embeddings; Normal with them).</param>
    public EnsembleScale(int members, int size, AdapterInitialization initialization = AdapterInitialization.RandomSigns) : base(nameof(EnsembleScale))
    {
        Members = OptionGuard.AtLeast(members, 1, "EnsembleSize");
        Size = OptionGuard.AtLeast(size, 1, nameof(size));
        weight = new Parameter(empty(members, size));
        AdapterInit.Fill(weight, initialization);
        RegisterComponents();
    }

    /// <summary>k.</summary>
    public int Members { get; }
    /// <summary>D.</summary>
    public int Size { get; }
    /// <summary>The scalings [k, D].</summary>
    public Parameter Weight => weight;

    /// <summary>x [N, k, D] → x ⊙ weight.</summary>
    public override Tensor forward(Tensor x) => x * weight;

    /// <summary>The scaling as plain arrays.</summary>
    /// <param name="name">Layer name. Default "ensemble_scale".</param>
    public EnsembleScaleLayer ToSnapshot(string name = "ensemble_scale") => new(name, Members, Size, TensorArrays.ToArray(weight));
}
