using Microsoft.ML.Dropout.Snapshots.Tabular;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// RealMLP-TD's front diagonal scaling layer (Holzmüller et al. 2024): y = x ⊙ w with one trainable weight per
/// input feature, initialised to 1, so the network can learn how much each feature matters before the first
/// dense layer (a soft feature selection). Input and output [N, D] (or any […, D]). Parameter "weight" [D].
/// RealMLP-TD trains the scales with a larger learning rate than the weights (its <c>scale_lr_factor</c>, 6): with a
/// learning-rate factor k the parameter holds scale / k and the layer multiplies by k, so Adam's step on the scale,
/// which does not depend on the gradient's size, is k times the learning rate; weight decay does not apply (a 1-D
/// parameter).
/// </summary>
public sealed class FrontScale : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;

    private readonly double _factor;

    /// <summary>Creates the layer.</summary>
    /// <param name="size">D ≥ 1.</param>
    /// <param name="learningRateFactor">k &gt; 0: the scales learn k times as fast as the optimizer's learning rate. Default 1.</param>
    public FrontScale(int size, double learningRateFactor = 1.0) : base(nameof(FrontScale))
    {
        Size = OptionGuard.AtLeast(size, 1, nameof(size));
        _factor = OptionGuard.Positive(learningRateFactor, nameof(learningRateFactor));
        weight = new Parameter(full(size, 1.0 / _factor));
        RegisterComponents();
    }

    /// <summary>k, the scales' learning-rate factor.</summary>
    public double LearningRateFactor => _factor;

    /// <summary>D.</summary>
    public int Size { get; }

    /// <summary>The trained parameter [D]: the scales divided by <see cref="LearningRateFactor"/> (1 / k at initialisation).</summary>
    public Parameter Weight => weight;

    /// <summary>x ⊙ (k · weight).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scale = weight * _factor;
        return x * scale;
    }

    /// <summary>The layer as plain arrays.</summary>
    /// <param name="name">Layer name. Default "front_scale".</param>
    public FrontScaleLayer ToSnapshot(string name = "front_scale")
    {
        var scale = TensorArrays.ToArray(weight);
        for (int i = 0; i < scale.Length; i++)
            scale[i] *= (float)_factor;
        return new(name, Size, scale);
    }
}
