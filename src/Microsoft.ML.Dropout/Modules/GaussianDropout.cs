using Microsoft.ML.Dropout.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Modules;

/// <summary>
/// Multiplicative Gaussian noise (Srivastava et al. 2014, §10): in training mode the input is multiplied
/// element-wise by ε ~ N(1, p/(1−p)), which has the same mean (1) and variance as the inverted Bernoulli mask
/// r/(1−p). Identity in eval mode.
/// </summary>
public sealed class GaussianDropout : ParameterLessModule<Tensor, Tensor>, IDropoutSite
{
    private double _rate;

    /// <summary>Creates the module.</summary>
    /// <param name="rate">The Bernoulli rate p whose variance p/(1−p) the noise matches. Default 0.5; range [0, 1).</param>
    public GaussianDropout(double rate = 0.5) : base(nameof(GaussianDropout)) => Rate = rate;

    /// <inheritdoc/>
    public double Rate { get => _rate; set => _rate = OptionGuard.Rate(value, nameof(Rate)); }

    /// <summary>Multiplies by N(1, p/(1−p)) noise in training mode; identity in eval mode.</summary>
    /// <param name="input">Any shape.</param>
    public override Tensor forward(Tensor input)
    {
        if (!training || _rate == 0)
            return input.alias();
        double std = DropoutMath.GaussianStd(_rate);
        using var noise = KeptScalars.AddInPlace(KeptScalars.MulInPlace(randn_like(input), std), 1.0); // see KeptScalars
        return input.mul(noise);
    }
}
