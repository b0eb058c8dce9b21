using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.ML.Dropout.Native;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Modules;

/// <summary>
/// The Bernoulli masks of the dropout family, keyed by libtorch's generator (so <c>torch.manual_seed</c> fixes them):
/// 0/1 masks (DropConnect's weight mask, DropBlock's block seeds) and the scaled keep-mask of inverted dropout
/// (standard, variational, DropPath). On the CPU in float32 a mask is one key drawn from libtorch's generator and
/// <see cref="CounterHashBernoulli"/>'s vectorized hash of (key, element index); elsewhere (another device or
/// element type) uniform draws compared with p (u &lt; p has probability p). Not libtorch's <c>bernoulli_(p)</c>:
/// on libtorch 2.10's CPU path it costs about 11 ns per element, the uniform fill about 3 ns, the hash about 0.3 ns
/// (<c>dotnet run -c Release --project bench/Engine.Bench -- dropout</c> measures all three). Dropout had been a fifth
/// to a third of a minibatch step of the default network on a California-sized set.
/// </summary>
internal static class DropoutMask
{
    /// <summary>A mask of <paramref name="shape"/> with entries 1 (probability <paramref name="p"/>) or 0.</summary>
    /// <param name="shape">The mask's shape.</param>
    /// <param name="p">The probability of a 1, in [0, 1].</param>
    /// <param name="dtype">The element type.</param>
    /// <param name="device">The device.</param>
    internal static Tensor Bernoulli(long[] shape, double p, ScalarType dtype, Device device) => Draw(shape, p, 1.0, dtype, device);

    /// <summary>A mask of <paramref name="shape"/> with entries 1/keep (probability <paramref name="keep"/>) or 0.</summary>
    /// <param name="shape">The mask's shape (the input's, or one that broadcasts over it).</param>
    /// <param name="keep">The keep probability, in (0, 1].</param>
    /// <param name="dtype">The input's element type.</param>
    /// <param name="device">The input's device.</param>
    internal static Tensor Scaled(long[] shape, double keep, ScalarType dtype, Device device) => Draw(shape, keep, 1.0 / keep, dtype, device);

    /// <summary>Entries <paramref name="value"/> with probability <paramref name="p"/>, else 0.</summary>
    private static Tensor Draw(long[] shape, double p, double value, ScalarType dtype, Device device)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (device.type != TorchSharp.DeviceType.CPU || dtype != ScalarType.Float32 || count > Array.MaxLength)
        {
            var uniform = KeptScalars.LtInPlace(rand(shape, dtype, device), p); // see KeptScalars
            return value == 1.0 ? uniform : KeptScalars.DivInPlace(uniform, p);
        }
        var (key0, key1) = Key();
        float[] buffer = ArrayPool<float>.Shared.Rent((int)count); // pooled: a mask per layer and step, no garbage
        try
        {
            var values = buffer.AsSpan(0, (int)count);
            CounterHashBernoulli.Fill(values, p, (float)value, key0, key1);
            var mask = empty(shape, ScalarType.Float32);
            mask.bytes = MemoryMarshal.AsBytes(values);
            return mask;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Two 31-bit numbers from libtorch's CPU generator: the mask's key.</summary>
    private static (uint Key0, uint Key1) Key()
    {
        using var draws = randint(0, int.MaxValue, new long[] { 2 }, ScalarType.Int64);
        using var key = draws.data<long>();
        return ((uint)key[0], (uint)key[1]);
    }
}
