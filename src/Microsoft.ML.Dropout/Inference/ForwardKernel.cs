using Microsoft.ML.Dropout.Snapshots;

namespace Microsoft.ML.Dropout.Inference;

/// <summary>
/// Managed evaluation of an <see cref="MlpSnapshot"/> in blocks of rows (parallel over blocks, each run by
/// <see cref="BlockForward"/>), optionally with dropout noise sampled at every <see cref="DropoutLayer"/> site for
/// MC dropout: the per-pass DropConnect weight masks are drawn here.
/// </summary>
internal static class ForwardKernel
{
    /// <summary>Rows per block: the unit of parallel work and of random streams.</summary>
    internal const int BlockRows = 32;

    /// <summary>Noise of one MC pass: seeds for activation masks and the masked weights for DropConnect.</summary>
    internal sealed class PassNoise
    {
        internal PassNoise(long seed, int pass, Dictionary<DenseLayer, float[]> maskedWeights)
        {
            Seed = seed;
            Pass = pass;
            MaskedWeights = maskedWeights;
        }

        internal long Seed { get; }
        internal int Pass { get; }
        internal Dictionary<DenseLayer, float[]> MaskedWeights { get; }
    }

    /// <summary>
    /// Raw outputs of every row. An ensemble classifier with temperature T is run with T inside its members' heads
    /// (<see cref="Snapshots.Tabular.EnsembleTemperature"/>) and its outputs multiplied by T, so that outputs/T — what
    /// the probability step computes — is the tempered ensemble score.
    /// </summary>
    internal static float[] Run(MlpSnapshot snapshot, float[] input, int rowCount, PassNoise? noise)
    {
        if (Snapshots.Tabular.EnsembleTemperature.DividesMembers(snapshot))
        {
            float[] tempered = Run(Snapshots.Tabular.EnsembleTemperature.IntoMembers(snapshot), input, rowCount, noise);
            float t = (float)snapshot.Temperature;
            for (int i = 0; i < tempered.Length; i++)
                tempered[i] *= t;
            return tempered;
        }
        int inWidth = snapshot.InputSize, outWidth = snapshot.OutputSize;
        var output = new float[(long)rowCount * outWidth];
        if (rowCount == 0)
            return output;
        var transposed = TransposedWeights(snapshot.Layers, noise);
        int blocks = (rowCount + BlockRows - 1) / BlockRows;
        void RunBlock(int block)
        {
            int start = block * BlockRows;
            int n = Math.Min(BlockRows, rowCount - start);
            var x = new float[n * inWidth];
            Array.Copy(input, (long)start * inWidth, x, 0, x.Length);
            var rng = noise is null ? default : new NoiseRandom(NoiseRandom.Derive(noise.Seed, noise.Pass, block));
            x = new BlockForward(n, inWidth, transposed, noise is not null, rng).Walk(snapshot.Layers, x);
            Array.Copy(x, 0, output, (long)start * outWidth, x.Length);
        }
        if (blocks == 1)
            RunBlock(0);
        else
            Parallel.For(0, blocks, RunBlock);
        return output;
    }

    /// <summary>Wᵀ ([InputSize, OutputSize], row-major) of every Dense layer, from the pass's masked weights when DropConnect applies.</summary>
    private static Dictionary<DenseLayer, float[]> TransposedWeights(IReadOnlyList<SnapshotLayer> layers, PassNoise? noise)
    {
        var transposed = new Dictionary<DenseLayer, float[]>(ReferenceEqualityComparer.Instance);
        foreach (var dense in SnapshotLayerOrder.Flatten(layers).OfType<DenseLayer>())
        {
            float[] w = noise != null && noise.MaskedWeights.TryGetValue(dense, out var masked) ? masked : dense.Weight;
            transposed[dense] = ForwardOps.Transpose(w, dense.InputSize, dense.OutputSize);
        }
        return transposed;
    }

    /// <summary>
    /// For each <see cref="DropoutKind.DropConnect"/> site with rate &gt; 0, the first <see cref="DenseLayer"/> after it in
    /// evaluation order (entering residual bodies) and the combined drop rate (independent sites compose:
    /// 1 − Π(1 − pᵢ)).
    /// </summary>
    internal static Dictionary<DenseLayer, double> DropConnectTargets(MlpSnapshot snapshot)
    {
        var order = SnapshotLayerOrder.Flatten(snapshot.Layers);
        var targets = new Dictionary<DenseLayer, double>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < order.Count; i++)
        {
            if (order[i] is not DropoutLayer { Kind: DropoutKind.DropConnect } site || site.Rate <= 0)
                continue;
            var dense = order.Skip(i + 1).OfType<DenseLayer>().FirstOrDefault()
                ?? throw new InvalidOperationException($"DropConnect site '{site.Name}' has no following DenseLayer whose weights it could mask.");
            targets[dense] = targets.TryGetValue(dense, out double earlier) ? 1 - (1 - earlier) * (1 - site.Rate) : site.Rate;
        }
        return targets;
    }

    /// <summary>One pass's DropConnect weights: W⊙M/(1−p), M ~ Bernoulli(1−p), one mask per pass shared by all rows; biases untouched.</summary>
    internal static Dictionary<DenseLayer, float[]> MaskWeights(Dictionary<DenseLayer, double> targets, long seed, int pass)
    {
        var masked = new Dictionary<DenseLayer, float[]>(ReferenceEqualityComparer.Instance);
        int site = 0;
        foreach (var (dense, rate) in targets)
        {
            var rng = new NoiseRandom(NoiseRandom.Derive(seed, pass, -1 - site++));
            float scale = (float)DropoutMath.InvertedScale(rate);
            var w = new float[dense.Weight.Length];
            for (int i = 0; i < w.Length; i++)
                w[i] = rng.NextDouble() < rate ? 0f : dense.Weight[i] * scale;
            masked[dense] = w;
        }
        return masked;
    }
}
