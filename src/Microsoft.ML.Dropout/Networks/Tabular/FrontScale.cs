using Microsoft.ML.Dropout.Snapshots.Tabular;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// RealMLP-TD's front diagonal scaling layer (Holzmüller et al. 2024): y = x ⊙ w with one trainable weight per
/// input feature, initialised to 1, so the network can learn how much each feature matters before the first
/// dense layer (a soft feature selection). Input and output [N, D] (or any […, D]). Parameter "weight" [D].
/// </summary>
public sealed class FrontScale : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;

    /// <summary>Creates the layer.</summary>
    /// <param name="size">D ≥ 1.</param>
    public FrontScale(int size) : base(nameof(FrontScale))
    {
        Size = OptionGuard.AtLeast(size, 1, nameof(size));
        weight = new Parameter(ones(size));
        RegisterComponents();
    }

    /// <summary>D.</summary>
    public int Size { get; }

    /// <summary>The scales [D] (1 at initialisation).</summary>
    public Parameter Weight => weight;

    /// <summary>x ⊙ weight.</summary>
    public override Tensor forward(Tensor x) => x * weight;

    /// <summary>The layer as plain arrays.</summary>
    /// <param name="name">Layer name. Default "front_scale".</param>
    public FrontScaleLayer ToSnapshot(string name = "front_scale") => new(name, Size, TensorArrays.ToArray(weight));
}
