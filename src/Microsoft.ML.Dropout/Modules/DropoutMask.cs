using Microsoft.ML.Dropout.Native;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Modules;

/// <summary>
/// The Bernoulli masks of the dropout family, drawn from libtorch's generator (so <c>torch.manual_seed</c> fixes them):
/// 0/1 masks (DropConnect's weight mask, DropBlock's block seeds) and the scaled keep-mask of inverted dropout
/// (standard, variational, DropPath). Built as uniform draws compared with p (u &lt; p has probability p) rather than
/// with <c>bernoulli_(p)</c>, which on libtorch 2.10's CPU path costs about 11 ns per element against about 3 ns for
/// the uniform fill: forward + backward about 2.5× faster (<c>dotnet run -c Release --project bench/Engine.Bench -- dropout</c>).
/// Dropout had been a fifth to a third of a minibatch step of the default network on a California-sized set.
/// </summary>
internal static class DropoutMask
{
    /// <summary>A mask of <paramref name="shape"/> with entries 1 (probability <paramref name="p"/>) or 0.</summary>
    /// <param name="shape">The mask's shape.</param>
    /// <param name="p">The probability of a 1, in [0, 1].</param>
    /// <param name="dtype">The element type.</param>
    /// <param name="device">The device.</param>
    internal static Tensor Bernoulli(long[] shape, double p, ScalarType dtype, Device device)
    {
        var mask = rand(shape, dtype, device);
        return KeptScalars.LtInPlace(mask, p); // see KeptScalars
    }

    /// <summary>A mask of <paramref name="shape"/> with entries 1/keep (probability <paramref name="keep"/>) or 0.</summary>
    /// <param name="shape">The mask's shape (the input's, or one that broadcasts over it).</param>
    /// <param name="keep">The keep probability, in (0, 1].</param>
    /// <param name="dtype">The input's element type.</param>
    /// <param name="device">The input's device.</param>
    internal static Tensor Scaled(long[] shape, double keep, ScalarType dtype, Device device)
    {
        return KeptScalars.DivInPlace(Bernoulli(shape, keep, dtype, device), keep);
    }
}
