using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Inference.Tabular;

/// <summary>
/// The one home of the maths that folds a piecewise-linear embedding (without ReLU) into the dense layer that reads
/// it; <see cref="PiecewiseLinearFoldedDense"/> (managed scoring) and the ONNX writer both build on these tables.
/// For a value x of embedded feature f in bin t the encoding is [1, …, 1, frac, 0, …, 0] (frac = the bin's clamped
/// slot value, below 0 or above 1 in the unclamped first and last bins), so Dense ∘ Embedding contributes
/// P_f[t] + frac·M_f[t] + x·A_f, where, with D_f the dense layer's columns that read feature f's d values,
/// M_f[s] = D_f·W_f[s] (the embedding weights of slot s), P_f[t] = Σ_{s&lt;t} M_f[s] and A_f = D_f·w_f (the linear
/// term); the embedding biases D_f·b_f are folded into the dense bias. The passthrough columns keep their own
/// columns of the dense layer. Dense ∘ Embedding is thus, per feature, a continuous piecewise-linear function of x
/// with knots at the bin edges e_j (extrapolated in the first and last bins), so it is also given by its values at
/// the knots, G_f[j] = P_f[j] + e_j·A_f (<see cref="KnotValues"/>): in bin t it is G_f[t] + frac·(G_f[t+1] − G_f[t]).
/// Sums are taken in double and rounded to float once.
/// </summary>
internal sealed class PiecewiseLinearFoldTables
{
    private PiecewiseLinearFoldTables(int[] passthrough, int maxBins, int outputSize, float[] bias, float[] passthroughWeight,
        float[] linear, float[] prefix, float[] slope, float[][] knotValues)
    {
        KnotValues = knotValues;
        Passthrough = passthrough;
        MaxBins = maxBins;
        OutputSize = outputSize;
        Bias = bias;
        PassthroughWeight = passthroughWeight;
        Linear = linear;
        Prefix = prefix;
        Slope = slope;
    }

    /// <summary>The input columns that are not embedded, in order (they follow the E·d embedded values in the dense layer's input).</summary>
    internal int[] Passthrough { get; }

    /// <summary>B, the largest number of bins of an embedded feature (the padded width of the tables).</summary>
    internal int MaxBins { get; }

    /// <summary>H, the dense layer's outputs.</summary>
    internal int OutputSize { get; }

    /// <summary>[H]: the dense bias plus Σ_f D_f·b_f.</summary>
    internal float[] Bias { get; }

    /// <summary>[H, passthrough count], row-major: the dense layer's columns reading the passthrough columns.</summary>
    internal float[] PassthroughWeight { get; }

    /// <summary>[E, H]: A_f, the linear term through the dense layer.</summary>
    internal float[] Linear { get; }

    /// <summary>[E, B, H]: P_f[t] at (f·B + t)·H; rows t ≥ the feature's bin count are 0 (never read).</summary>
    internal float[] Prefix { get; }

    /// <summary>[E, B, H]: M_f[t] at (f·B + t)·H, the weights of bin t's slot; rows t ≥ the feature's bin count are 0 (never read).</summary>
    internal float[] Slope { get; }

    /// <summary>
    /// Per embedded feature f, its (bins + 1) × H knot values G_f[j] = P_f[j] + e_j·A_f, row j at j·H: the folded
    /// layers' contribution at edge e_j, so that in bin t it is G_f[t] + frac·(G_f[t+1] − G_f[t]) (the x·A_f term
    /// is linear in x, hence in frac, within a bin).
    /// </summary>
    internal float[][] KnotValues { get; }

    /// <summary>Whether <paramref name="embedding"/> followed directly by <paramref name="dense"/> can be folded: no ReLU, and the dense layer reads exactly the embedding's output.</summary>
    internal static bool Applies(PiecewiseLinearEmbeddingLayer embedding, DenseLayer dense) =>
        !embedding.Relu && dense.InputSize == embedding.OutputWidth;

    /// <summary>
    /// The dense layer that reads <paramref name="embedding"/> (at <paramref name="index"/> in <paramref name="layers"/>)
    /// — only dropout layers (the identity when scoring) and at most one front scaling layer between them — when the
    /// two can be folded (<see cref="Applies"/>: no ReLU). A front scale s between them is folded into the dense
    /// layer's columns first (W·diag(s), a new layer; the snapshot is not changed), so the default front (embedding,
    /// front scale, dense) folds as well. Anything else between them prevents the fold.
    /// </summary>
    internal static (DenseLayer Dense, int Index)? FoldableDense(IReadOnlyList<SnapshotLayer> layers, int index, PiecewiseLinearEmbeddingLayer embedding)
    {
        int next = index + 1;
        while (next < layers.Count && layers[next] is DropoutLayer) next++;
        FrontScaleLayer? scale = null;
        if (next < layers.Count && layers[next] is FrontScaleLayer frontScale)
        {
            scale = frontScale;
            next++;
            while (next < layers.Count && layers[next] is DropoutLayer) next++;
        }
        if (next >= layers.Count || layers[next] is not DenseLayer dense || !Applies(embedding, dense))
            return null;
        if (scale is null)
            return (dense, next);
        if (scale.Size != dense.InputSize)
            return null;
        return (ScaleColumns(dense, scale.Scale), next);
    }

    /// <summary>The dense layer y = W·(s ⊙ x) + b written as y = (W·diag(s))·x + b.</summary>
    private static DenseLayer ScaleColumns(DenseLayer dense, float[] scale)
    {
        int n = dense.InputSize;
        var weight = new float[dense.Weight.Length];
        for (long o = 0; o < dense.OutputSize; o++)
            for (int i = 0; i < n; i++)
                weight[o * n + i] = dense.Weight[o * n + i] * scale[i];
        return dense with { Weight = weight };
    }

    /// <summary>The padded encoding slot of bin <paramref name="t"/> of a feature with <paramref name="bins"/> bins: the leading bins in order, the last in slot <paramref name="maxBins"/> − 1.</summary>
    internal static int Slot(int t, int bins, int maxBins) => t < bins - 1 ? t : maxBins - 1;

    /// <summary>Builds the tables of <paramref name="embedding"/> folded into <paramref name="dense"/>.</summary>
    /// <exception cref="ArgumentException">The pair cannot be folded (see <see cref="Applies"/>), or the embedding's arrays do not fit its shape.</exception>
    internal static PiecewiseLinearFoldTables Build(PiecewiseLinearEmbeddingLayer embedding, DenseLayer dense)
    {
        if (!Applies(embedding, dense))
            throw new ArgumentException($"Layer '{embedding.Name}' cannot be folded into dense layer '{dense.Name}': the fold needs an embedding without ReLU whose {embedding.OutputWidth} outputs the dense layer reads directly ({dense.InputSize} inputs).");
        embedding.Validate();
        var encoding = embedding.Encoding;
        int f = encoding.FeatureCount, e = encoding.EmbeddedFeatures.Length, d = embedding.EmbeddingDimension, h = dense.OutputSize, n = dense.InputSize;
        int maxBins = encoding.MaxBins;
        int[] passthrough = TabularColumns.Passthrough(encoding.EmbeddedFeatures, f);

        // C = dense bias + Σ_f D_f·b_f, and the passthrough columns' weights.
        var bias = new float[h];
        var passthroughWeight = new float[(long)h * passthrough.Length];
        for (int o = 0; o < h; o++)
        {
            long row = (long)o * n;
            double sum = dense.Bias[o];
            for (int i = 0; i < e * d; i++)
                sum += (double)dense.Weight[row + i] * embedding.LinearBias[i];
            bias[o] = (float)sum;
            for (int p = 0; p < passthrough.Length; p++)
                passthroughWeight[(long)o * passthrough.Length + p] = dense.Weight[row + e * d + p];
        }

        var linear = new float[(long)e * h];
        var prefix = new float[(long)e * maxBins * h];
        var slope = new float[(long)e * maxBins * h];
        var knotValues = new float[e][];
        var running = new double[h];
        var linearExact = new double[h];
        for (int k = 0; k < e; k++)
        {
            for (int o = 0; o < h; o++)
            {
                linearExact[o] = Dot(dense.Weight, (long)o * n + k * d, embedding.LinearWeight, (long)k * d, d);
                linear[(long)k * h + o] = (float)linearExact[o];
            }
            Array.Clear(running);
            float[] edges = encoding.Edges[k];
            int bins = edges.Length - 1;
            var knots = knotValues[k] = new float[(long)(bins + 1) * h];
            for (int t = 0; t < bins; t++)
            {
                long w = ((long)k * maxBins + Slot(t, bins, maxBins)) * d, start = ((long)k * maxBins + t) * h;
                for (int o = 0; o < h; o++)
                {
                    double m = Dot(dense.Weight, (long)o * n + k * d, embedding.Weight, w, d);
                    prefix[start + o] = (float)running[o];
                    slope[start + o] = (float)m;
                    knots[(long)t * h + o] = (float)(running[o] + edges[t] * linearExact[o]);
                    running[o] += m;
                }
            }
            for (int o = 0; o < h; o++)
                knots[(long)bins * h + o] = (float)(running[o] + edges[bins] * linearExact[o]);
        }
        return new PiecewiseLinearFoldTables(passthrough, maxBins, h, bias, passthroughWeight, linear, prefix, slope, knotValues);
    }

    private static double Dot(float[] a, long aStart, float[] b, long bStart, int count)
    {
        double sum = 0;
        for (int j = 0; j < count; j++)
            sum += (double)a[aStart + j] * b[bStart + j];
        return sum;
    }
}
