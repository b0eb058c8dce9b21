using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Modules;

/// <summary>
/// Alpha dropout for self-normalizing (SELU) networks (Klambauer et al. 2017). In training mode each element is
/// dropped with probability p and set to SELU's negative saturation α' = −λα ≈ −1.7581; then the affine map
/// a·x + b with a = ((1−p)(1 + p·α'²))^−½ and b = −a·p·α' restores zero mean and unit variance. Identity in eval
/// mode. Delegates to <c>torch.nn.functional.alpha_dropout</c>, whose libtorch implementation computes exactly this
/// (verified by the tests in <c>SeluAlphaDropoutTests</c>).
/// </summary>
public sealed class SeluAlphaDropout : ParameterLessModule<Tensor, Tensor>, IDropoutSite
{
    /// <summary>SELU's negative saturation value α' = −λα = −1.7580993408473766 (<see cref="DropoutMath.AlphaSaturation"/>).</summary>
    public const double NegativeSaturation = DropoutMath.AlphaSaturation;

    private double _rate;

    /// <summary>Creates the module.</summary>
    /// <param name="rate">Drop probability. Default 0.5; range [0, 1) (0.05–0.1 is typical for SELU nets).</param>
    public SeluAlphaDropout(double rate = 0.5) : base(nameof(SeluAlphaDropout)) => Rate = rate;

    /// <inheritdoc/>
    public double Rate { get => _rate; set => _rate = OptionGuard.Rate(value, nameof(Rate)); }

    /// <summary>The scale a = ((1−p)(1 + p·α'²))^−½ applied in training mode.</summary>
    /// <param name="rate">Drop probability in [0, 1).</param>
    public static double Scale(double rate) => DropoutMath.AlphaScale(rate);

    /// <summary>The shift b = −a·p·α' applied in training mode.</summary>
    /// <param name="rate">Drop probability in [0, 1).</param>
    public static double Shift(double rate) => DropoutMath.AlphaShift(rate);

    /// <summary>Applies alpha dropout in training mode; identity in eval mode.</summary>
    /// <param name="input">Any shape; intended for SELU activations.</param>
    public override Tensor forward(Tensor input) =>
        TorchSharp.torch.nn.functional.alpha_dropout(input, _rate, training);
}
