namespace Microsoft.ML.Dropout.Datasets;

/// <summary>Standard normal draws from a seeded <see cref="Random"/>, the one sampler of the synthetic data sets.</summary>
public static class GaussianSampler
{
    /// <summary>
    /// One N(0, 1) draw by the Box–Muller transform, √(−2·ln u₁)·cos(2π·u₂) with u₁ = 1 − U₁ ∈ (0, 1] and u₂ = U₂
    /// taken from two consecutive <see cref="Random.NextDouble"/> calls, in that order.
    /// </summary>
    /// <param name="random">The seeded source; advanced by two draws.</param>
    public static double Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fills <paramref name="row"/> with <see cref="Sample"/> draws (rounded to float), first element first.</summary>
    /// <param name="random">The seeded source; advanced by two draws per element.</param>
    /// <param name="row">The values to fill.</param>
    public static void Fill(Random random, Span<float> row)
    {
        for (int i = 0; i < row.Length; i++)
            row[i] = (float)Sample(random);
    }
}
