using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// RealMLP-TD's parametric activation: y = x + α ⊙ (f(x) − x) with one trainable α per unit, initialised to 1 (so
/// it starts as f); α → 0 makes a unit linear. Input and output [N, D] (or any […, D], e.g. an ensemble's [N, k, D],
/// whose members then share α). Parameter "weight" [D] = α.
/// RealMLP-TD uses SELU for classification and Mish for regression; Mish is not among <see cref="Activation"/>
/// yet, so use SELU or SiLU.
/// </summary>
public sealed class ParametricActivation : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;

    /// <summary>Creates the activation.</summary>
    /// <param name="size">D ≥ 1.</param>
    /// <param name="activation">f.</param>
    public ParametricActivation(int size, Activation activation) : base(nameof(ParametricActivation))
    {
        Size = OptionGuard.AtLeast(size, 1, nameof(size));
        Activation = OptionGuard.Defined(activation, nameof(Activation));
        weight = new Parameter(ones(size));
        RegisterComponents();
    }

    /// <summary>D.</summary>
    public int Size { get; }

    /// <summary>f.</summary>
    public Activation Activation { get; }

    /// <summary>α [D] (1 at initialisation).</summary>
    public Parameter Weight => weight;

    /// <summary>x + α ⊙ (f(x) − x).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var f = TorchActivation.Apply(Activation, x);
        return KeptScalars.Add(x, weight * (f - x)).MoveToOuterDisposeScope(); // see KeptScalars
    }

    /// <summary>The activation as plain arrays.</summary>
    /// <param name="name">Layer name.</param>
    /// <param name="members">k when the layer reads an ensemble's [N, k, D] rows (the members share α); default 1.</param>
    public ParametricActivationLayer ToSnapshot(string name, int members = 1) => new(name, Size, Activation, TensorArrays.ToArray(weight), members);
}
