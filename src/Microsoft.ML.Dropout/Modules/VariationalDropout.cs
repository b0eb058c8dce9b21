using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Modules;

/// <summary>
/// Variational (locked) dropout for sequences (Gal &amp; Ghahramani 2016): for input B×T×F one inverted Bernoulli
/// mask of shape B×1×F is drawn per forward pass and shared by every time step, so a dropped feature stays dropped
/// for the whole sequence. Inputs with more middle dimensions share the mask across all of them; B×F input gets a
/// per-element mask (plain dropout). Identity in eval mode.
/// </summary>
public sealed class VariationalDropout : ParameterLessModule<Tensor, Tensor>, IDropoutSite
{
    private double _rate;

    /// <summary>Creates the module.</summary>
    /// <param name="rate">Drop probability. Default 0.5; range [0, 1).</param>
    public VariationalDropout(double rate = 0.5) : base(nameof(VariationalDropout)) => Rate = rate;

    /// <inheritdoc/>
    public double Rate { get => _rate; set => _rate = OptionGuard.Rate(value, nameof(Rate)); }

    /// <summary>Applies one mask per sequence in training mode; identity in eval mode.</summary>
    /// <param name="input">B×T×F (or B×F, or B×…×F) tensor.</param>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() < 2)
            throw new ArgumentException($"VariationalDropout expects input of shape B×T×F (at least 2 dimensions); received {input.dim()} dimension(s).", nameof(input));
        if (!training || _rate == 0)
            return input.alias();
        double keep = 1 - _rate;
        var shape = new long[input.dim()];
        shape[0] = input.shape[0];
        shape[^1] = input.shape[^1];
        for (int i = 1; i < shape.Length - 1; i++)
            shape[i] = 1;
        using var mask = DropoutMask.Scaled(shape, keep, input.dtype, input.device);
        return input.mul(mask);
    }
}
