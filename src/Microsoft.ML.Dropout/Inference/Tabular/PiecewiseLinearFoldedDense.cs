using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Inference.Tabular;

/// <summary>
/// A piecewise-linear embedding (without ReLU) and the dense layer that reads it, composed into one linear map at
/// load time, for single-row scoring (the tables: <see cref="PiecewiseLinearFoldTables"/>). For a value x of embedded feature f in bin t the encoding is
/// [1, …, 1, frac, 0, …, 0] (frac = the bin's clamped slot value, below 0 or above 1 in the unclamped first and last
/// bins), so Dense ∘ Embedding contributes P_f[t] + frac·M_f[t] + x·A_f, where, with D_f the dense layer's columns
/// that read feature f's d values, M_f[s] = D_f·W_f[s] (the embedding weights of slot s), P_f[t] = Σ_{s&lt;t} M_f[s] and
/// A_f = D_f·w_f (the linear term); the embedding biases D_f·b_f are folded into the dense bias. The passthrough
/// columns keep their own columns of the dense layer (<see cref="PackedDenseWeights"/>). Per row this costs three
/// H-wide multiply-adds per embedded feature instead of a B×d product per feature and an (E·d)×H dense layer. The
/// tables are summed in double; the values agree with the unfolded layers to float rounding (the slots below the
/// value's bin are taken as exactly 1, as they are in exact arithmetic).
/// </summary>
internal sealed class PiecewiseLinearFoldedDense
{
    private readonly int _featureCount;
    private readonly int _outputSize;
    private readonly int[] _embedded;
    private readonly int[] _passthrough;
    private readonly float[][] _edges;
    /// <summary>Per embedded feature, the bin lookup over its edges but the last.</summary>
    private readonly BucketedSearch[] _bins;
    private readonly int _maxBins;
    private readonly float[] _slotWeight;
    private readonly float[] _slotBias;
    private readonly float[] _slotLower;
    private readonly float[] _slotUpper;
    /// <summary>Per embedded feature f and bin t, the 2·H values [P_f[t], M_f[t]], starting at <see cref="_tableStart"/>[f] + t·2H.</summary>
    private readonly float[] _table;
    private readonly long[] _tableStart;
    /// <summary>[E, H]: A_f, the linear term through the dense layer.</summary>
    private readonly float[] _linear;
    private readonly PackedDenseWeights _passthroughDense;

    /// <summary>Folds <paramref name="embedding"/> into <paramref name="dense"/>.</summary>
    /// <exception cref="ArgumentException">The pair cannot be folded (see <see cref="Applies"/>).</exception>
    internal PiecewiseLinearFoldedDense(PiecewiseLinearEmbeddingLayer embedding, DenseLayer dense)
        : this(embedding, dense, Vector.IsHardwareAccelerated)
    {
    }

    /// <param name="embedding">A piecewise-linear embedding without ReLU.</param>
    /// <param name="dense">The dense layer reading the embedding's output.</param>
    /// <param name="vectorized">Use SIMD (false: scalar loops, also used by tests on SIMD hardware).</param>
    internal PiecewiseLinearFoldedDense(PiecewiseLinearEmbeddingLayer embedding, DenseLayer dense, bool vectorized)
    {
        var tables = PiecewiseLinearFoldTables.Build(embedding, dense);
        var encoding = embedding.Encoding;
        int e = encoding.EmbeddedFeatures.Length, h = dense.OutputSize;
        _featureCount = encoding.FeatureCount;
        _outputSize = h;
        _embedded = encoding.EmbeddedFeatures;
        _passthrough = tables.Passthrough;
        _edges = encoding.Edges;
        _bins = Array.ConvertAll(_edges, edges => new BucketedSearch(edges, 0, edges.Length - 1));
        _maxBins = tables.MaxBins;
        (_slotWeight, _slotBias, _slotLower, _slotUpper, _) = encoding.Coefficients();
        IsVectorized = vectorized;
        _passthroughDense = new PackedDenseWeights(tables.PassthroughWeight, tables.Bias, _passthrough.Length, h, vectorized);
        _linear = tables.Linear;

        // Interleave each feature's real bins as [P_f[t], M_f[t]] rows, so a lookup reads one 2H run.
        _tableStart = new long[e];
        long size = 0;
        for (int k = 0; k < e; k++)
        {
            _tableStart[k] = size;
            size += (long)(_edges[k].Length - 1) * 2 * h;
        }
        _table = new float[size];
        for (int k = 0; k < e; k++)
            for (int t = 0; t < _edges[k].Length - 1; t++)
            {
                long source = ((long)k * _maxBins + t) * h, target = _tableStart[k] + (long)t * 2 * h;
                Array.Copy(tables.Prefix, source, _table, target, h);
                Array.Copy(tables.Slope, source, _table, target + h, h);
            }
    }

    /// <summary>Whether <paramref name="embedding"/> followed directly by <paramref name="dense"/> can be folded (<see cref="PiecewiseLinearFoldTables.Applies"/>).</summary>
    internal static bool Applies(PiecewiseLinearEmbeddingLayer embedding, DenseLayer dense) => PiecewiseLinearFoldTables.Applies(embedding, dense);

    /// <summary>Features per input row (the embedding's input).</summary>
    internal int InputSize => _featureCount;

    /// <summary>Outputs per row (the dense layer's).</summary>
    internal int OutputSize => _outputSize;

    /// <summary>Values of scratch space <see cref="Forward"/> needs (the passthrough columns).</summary>
    internal int ScratchSize => _passthrough.Length;

    /// <summary>Whether the SIMD loops are used.</summary>
    internal bool IsVectorized { get; }

    /// <summary>y = Dense(Embedding(x)) for one row.</summary>
    /// <param name="x"><see cref="InputSize"/> values.</param>
    /// <param name="y"><see cref="OutputSize"/> values.</param>
    /// <param name="scratch"><see cref="ScratchSize"/> values, overwritten.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Forward(ReadOnlySpan<float> x, Span<float> y, Span<float> scratch) => ForwardRows(x, 1, y, scratch);

    /// <summary>
    /// y = Dense(Embedding(x)) for <paramref name="rowCount"/> row-major rows, feature by feature over the rows: a
    /// feature's table (bins × 2H values) is then read from memory about once per block instead of once per row,
    /// which is what a row costs here (the whole table does not fit in the core's cache).
    /// </summary>
    /// <param name="x"><paramref name="rowCount"/> × <see cref="InputSize"/> values.</param>
    /// <param name="rowCount">Rows, ≥ 1.</param>
    /// <param name="y"><paramref name="rowCount"/> × <see cref="OutputSize"/> values.</param>
    /// <param name="scratch"><see cref="ScratchSize"/> values, overwritten.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void ForwardRows(ReadOnlySpan<float> x, int rowCount, Span<float> y, Span<float> scratch)
    {
        int f = InputSize, h = _outputSize;
        if (rowCount < 1 || x.Length != rowCount * f || y.Length != rowCount * h || scratch.Length != ScratchSize)
            throw new ArgumentException($"The folded embedding and dense layer take rows of {f} inputs and {h} outputs and {ScratchSize} scratch values; received {x.Length} inputs, {y.Length} outputs and {scratch.Length} scratch values for {rowCount} rows.");
        for (int r = 0; r < rowCount; r++)
        {
            for (int p = 0; p < _passthrough.Length; p++)
                scratch[p] = x[r * f + _passthrough[p]];
            _passthroughDense.Forward(scratch, y.Slice(r * h, h));
        }
        for (int k = 0; k < _embedded.Length; k++)
        {
            int bins = _edges[k].Length - 1;
            var linear = new ReadOnlySpan<float>(_linear, k * h, h);
            for (int r = 0; r < rowCount; r++)
            {
                float value = x[r * f + _embedded[k]];
                int t = _bins[k].LastAtMost(_edges[k], value);   // the bin: values outside the edges extrapolate in the first or last
                int slot = k * _maxBins + Slot(t, bins);
                float frac = Math.Min(Math.Max(_slotBias[slot] + _slotWeight[slot] * value, _slotLower[slot]), _slotUpper[slot]);
                var table = new ReadOnlySpan<float>(_table, (int)(_tableStart[k] + (long)t * 2 * h), 2 * h);
                var row = y.Slice(r * h, h);
                if (IsVectorized)
                    AddVectorized(row, table, linear, frac, value);
                else
                    for (int o = 0; o < h; o++)
                        row[o] += table[o] + frac * table[h + o] + value * linear[o];
            }
        }
    }

    /// <summary>y += P + frac·M + value·A, one SIMD vector at a time, the tail scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddVectorized(Span<float> y, ReadOnlySpan<float> table, ReadOnlySpan<float> linear, float frac, float value)
    {
        int h = y.Length, width = Vector<float>.Count, o = 0;
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float pr = ref MemoryMarshal.GetReference(table);
        ref float mr = ref Unsafe.Add(ref pr, h);
        ref float ar = ref MemoryMarshal.GetReference(linear);
        var f = new Vector<float>(frac);
        var v = new Vector<float>(value);
        for (; o <= h - width; o += width)
        {
            nuint i = (nuint)o;
            var sum = Vector.LoadUnsafe(ref yr, i) + Vector.LoadUnsafe(ref pr, i);
            sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref mr, i), f, sum);
            sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref ar, i), v, sum);
            sum.StoreUnsafe(ref yr, i);
        }
        for (; o < h; o++)
            Unsafe.Add(ref yr, o) += Unsafe.Add(ref pr, o) + frac * Unsafe.Add(ref mr, o) + value * Unsafe.Add(ref ar, o);
    }

    /// <summary>The padded slot of bin <paramref name="t"/> of a feature with <paramref name="bins"/> bins (<see cref="PiecewiseLinearFoldTables.Slot"/>).</summary>
    private int Slot(int t, int bins) => PiecewiseLinearFoldTables.Slot(t, bins, _maxBins);
}
