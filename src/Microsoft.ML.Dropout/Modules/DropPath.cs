using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Modules;

/// <summary>
/// DropPath / stochastic depth (Huang et al. 2016): applied to a residual branch, it zeroes the whole branch
/// output for a random subset of examples (each example independently with probability p, one decision per row of
/// the first dimension) and scales the surviving rows by 1/(1−p). Identity in eval mode.
/// </summary>
public sealed class DropPath : ParameterLessModule<Tensor, Tensor>, IDropoutSite
{
    private double _rate;

    /// <summary>Creates the module.</summary>
    /// <param name="rate">Probability of dropping an example's branch. Default 0; range [0, 1).</param>
    public DropPath(double rate = 0) : base(nameof(DropPath)) => Rate = rate;

    /// <inheritdoc/>
    public double Rate { get => _rate; set => _rate = OptionGuard.Rate(value, nameof(Rate)); }

    /// <summary>Drops whole rows of the branch output in training mode; identity in eval mode.</summary>
    /// <param name="input">Branch output with the batch in dimension 0 (B×…).</param>
    public override Tensor forward(Tensor input)
    {
        if (!training || _rate == 0)
            return input.alias();
        double keep = 1 - _rate;
        var shape = new long[input.dim()];
        shape[0] = input.shape[0];
        for (int i = 1; i < shape.Length; i++)
            shape[i] = 1;
        using var mask = DropoutMask.Scaled(shape, keep, input.dtype, input.device);
        return input.mul(mask);
    }
}
