namespace Microsoft.ML.Dropout.Inference;

/// <summary>
/// A small, fast, seedable generator (SplitMix64) whose stream depends only on its seed, so MC-dropout masks are
/// identical across runs, thread schedules and .NET versions.
/// </summary>
internal struct NoiseRandom
{
    private ulong _state;
    private double _spareGaussian;
    private bool _hasSpare;

    internal NoiseRandom(ulong seed)
    {
        _state = seed;
        _spareGaussian = 0;
        _hasSpare = false;
    }

    /// <summary>Seed of an independent stream for (seed, a, b): hashes the three through SplitMix64's finalizer.</summary>
    internal static ulong Derive(long seed, long a, long b)
    {
        ulong h = Mix((ulong)seed ^ 0x9E3779B97F4A7C15UL);
        h = Mix(h ^ (ulong)a);
        return Mix(h ^ ((ulong)b * 0xD1B54A32D192ED03UL));
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    internal ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    internal double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box–Muller, the second value cached).</summary>
    internal double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }
        double u1 = 1.0 - NextDouble(); // (0, 1]
        double u2 = NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        double angle = 2.0 * Math.PI * u2;
        _spareGaussian = radius * Math.Sin(angle);
        _hasSpare = true;
        return radius * Math.Cos(angle);
    }
}
