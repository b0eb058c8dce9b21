namespace Microsoft.ML.Dropout.Estimators.Data.Streaming;

/// <summary>
/// A seeded 64-bit hash of a row's content (features, label, weight). Equal rows hash equally whatever their
/// position, so a rule on the hash (e.g. "validation when <see cref="Unit"/> &lt; ValidationFraction") picks the
/// same rows on every pass and in any row order.
/// </summary>
internal static class RowHash
{
    /// <summary>The hash of one row; <paramref name="salt"/> gives independent hashes of the same row for different rules.</summary>
    internal static ulong Of(ReadOnlySpan<float> features, float label, float weight, int seed, ulong salt)
    {
        ulong h = Mix(((ulong)(uint)seed << 32) ^ salt ^ 0x9E3779B97F4A7C15UL);
        foreach (float v in features)
            h = (h ^ Bits(v)) * 0x100000001B3UL;
        h = (h ^ Bits(label)) * 0x100000001B3UL;
        h = (h ^ Bits(weight)) * 0x100000001B3UL;
        return Mix(h);
    }

    /// <summary>The hash as a number in [0, 1).</summary>
    internal static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    /// <summary>−0 as 0, so values equal as numbers hash equally.</summary>
    private static ulong Bits(float v) => BitConverter.SingleToUInt32Bits(v == 0 ? 0f : v);

    /// <summary>SplitMix64's finalizer: every input bit reaches every output bit.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
