using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Inference.Tabular;

/// <summary>
/// A piecewise-linear embedding (without ReLU) and the dense layer that reads it, composed into one linear map at
/// load time (the tables: <see cref="PiecewiseLinearFoldTables"/>). Per embedded feature f, Dense ∘ Embedding is a
/// continuous piecewise-linear function of its value x with knots at the bin edges (the x·A_f term included), so it
/// is stored by its H-vector values at the knots, G_f[j], and a value in bin t contributes
/// (1 − frac)·G_f[t] + frac·G_f[t+1], frac being the embedding's own slot value (below 0 or above 1 in the
/// unclamped first and last bins, which so extrapolate; NaN stays NaN). The passthrough columns keep their own
/// columns of the dense layer (<see cref="PackedDenseWeights"/>). Per row this costs two H-wide multiply-adds over
/// two adjacent table rows per embedded feature instead of a B×d product per feature and an (E·d)×H dense layer;
/// the table is (bins + 1) × H floats per feature. The tables are summed in double; the values agree with the
/// unfolded layers to float rounding.
/// </summary>
internal sealed class PiecewiseLinearFoldedDense
{
    /// <summary>SIMD vectors of outputs a block call keeps in registers while it sums every feature's contribution (<see cref="ForwardRows"/>).</summary>
    private const int SliceVectors = 8;

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
    /// <summary>Per embedded feature f, its knot values G_f[j] (H each), G_f[0] at <see cref="_tableStart"/>[f].</summary>
    private readonly float[] _table;
    private readonly int[] _tableStart;
    private readonly PackedDenseWeights _passthroughDense;
    /// <summary>The quantile preprocessing folded in, or null (then <see cref="_quantilePrepared"/> and <see cref="_locator"/> are null too).</summary>
    private readonly PreprocessingLayer? _quantile;
    private readonly PreprocessingForward.Prepared? _quantilePrepared;
    /// <summary>With the quantile preprocessing folded in: the embedded columns' table positions and fractions from one search and two records per feature.</summary>
    private readonly FoldedQuantileLocator? _locator;

    /// <summary>Folds <paramref name="embedding"/> into <paramref name="dense"/>.</summary>
    /// <exception cref="ArgumentException">The pair cannot be folded (see <see cref="Applies"/>).</exception>
    internal PiecewiseLinearFoldedDense(PiecewiseLinearEmbeddingLayer embedding, DenseLayer dense)
        : this(embedding, dense, Vector.IsHardwareAccelerated)
    {
    }

    /// <param name="embedding">A piecewise-linear embedding without ReLU.</param>
    /// <param name="dense">The dense layer reading the embedding's output.</param>
    /// <param name="vectorized">Use SIMD (false: scalar loops, also used by tests on SIMD hardware).</param>
    /// <param name="quantile">
    /// Quantile preprocessing right before the embedding (<see cref="QuantileBinLookup.Applies"/>), folded in: the
    /// inputs are then raw, and each embedded column's quantile segment and bin come from one search
    /// (<see cref="QuantileBinLookup"/>); the passthrough columns go through the quantile step on their own.
    /// </param>
    internal PiecewiseLinearFoldedDense(PiecewiseLinearEmbeddingLayer embedding, DenseLayer dense, bool vectorized, PreprocessingLayer? quantile = null)
    {
        QuantileBinLookup? quantileBins = null;
        if (quantile is not null)
        {
            quantileBins = new QuantileBinLookup(quantile, embedding.Encoding);
            _quantilePrepared = PreprocessingForward.Prepare(quantile, buckets: true);
            _quantile = quantile;
        }
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

        // Every feature's knot values in one array, feature after feature.
        _tableStart = new int[e];
        long size = 0;
        for (int k = 0; k < e; k++)
        {
            _tableStart[k] = checked((int)size);
            size += tables.KnotValues[k].Length;
        }
        _table = new float[checked((int)size)];
        for (int k = 0; k < e; k++)
            tables.KnotValues[k].CopyTo(_table, _tableStart[k]);
        if (quantileBins is not null)
            _locator = new FoldedQuantileLocator(quantileBins, Array.ConvertAll(_edges, edges => edges.Length), _maxBins,
                _slotWeight, _slotBias, _slotLower, _slotUpper, _tableStart, h);
    }

    /// <summary>Whether <paramref name="embedding"/> followed directly by <paramref name="dense"/> can be folded (<see cref="PiecewiseLinearFoldTables.Applies"/>).</summary>
    internal static bool Applies(PiecewiseLinearEmbeddingLayer embedding, DenseLayer dense) => PiecewiseLinearFoldTables.Applies(embedding, dense);

    /// <summary>Features per input row (the embedding's input).</summary>
    internal int InputSize => _featureCount;

    /// <summary>Outputs per row (the dense layer's).</summary>
    internal int OutputSize => _outputSize;

    /// <summary>Values of scratch space <see cref="Forward"/> needs (the passthrough columns).</summary>
    internal int ScratchSize => _passthrough.Length;

    /// <summary>Embedded features: a block call needs one table position and one fraction per row and embedded feature (<see cref="ForwardRows"/>).</summary>
    internal int EmbeddedCount => _embedded.Length;

    /// <summary>Whether the SIMD loops are used.</summary>
    internal bool IsVectorized { get; }

    /// <summary>Embedded features up to which <see cref="Forward"/> looks every feature up before reading the tables (positions and fractions on the stack).</summary>
    private const int MaxLocatedFirst = 1024;

    /// <summary>y = Dense(Embedding(x)) for one row, feature by feature (y stays in cache, each feature reads its two table rows).</summary>
    /// <param name="x"><see cref="InputSize"/> values.</param>
    /// <param name="y"><see cref="OutputSize"/> values.</param>
    /// <param name="scratch"><see cref="ScratchSize"/> values, overwritten.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Forward(ReadOnlySpan<float> x, Span<float> y, Span<float> scratch)
    {
        int f = InputSize, h = _outputSize;
        if (x.Length != f || y.Length != h || scratch.Length != ScratchSize)
            throw new ArgumentException($"The folded embedding and dense layer take {f} inputs and {h} outputs and {ScratchSize} scratch values; received {x.Length} inputs, {y.Length} outputs and {scratch.Length} scratch values.");
        PassthroughRow(x, y, scratch);
        int k = 0;
        if (IsVectorized && _embedded.Length <= MaxLocatedFirst)
        {
            // Every feature's lookup first: they are independent, so their cache misses overlap (between the
            // table reads each would wait on its own), then the table rows four features at a time as below.
            int e = _embedded.Length;
            Span<int> positions = stackalloc int[e];
            Span<float> fractions = stackalloc float[e];
            for (int j = 0; j < e; j++)
                positions[j] = Locate(j, x[_embedded[j]], out fractions[j]);
            for (; k + 4 <= e; k += 4)
                AddFourLerpsVectorized(y, positions[k], fractions[k], positions[k + 1], fractions[k + 1],
                    positions[k + 2], fractions[k + 2], positions[k + 3], fractions[k + 3]);
            for (; k < e; k++)
                AddLerpVectorized(y, ref _table[positions[k]], h, fractions[k]);
            return;
        }
        if (IsVectorized)
            for (; k + 4 <= _embedded.Length; k += 4)
            {
                int p0 = Locate(k, x[_embedded[k]], out float f0), p1 = Locate(k + 1, x[_embedded[k + 1]], out float f1);
                int p2 = Locate(k + 2, x[_embedded[k + 2]], out float f2), p3 = Locate(k + 3, x[_embedded[k + 3]], out float f3);
                AddFourLerpsVectorized(y, p0, f0, p1, f1, p2, f2, p3, f3);
            }
        for (; k < _embedded.Length; k++)
        {
            int start = Locate(k, x[_embedded[k]], out float frac);
            if (IsVectorized)
                AddLerpVectorized(y, ref _table[start], h, frac);
            else
                for (int o = 0; o < h; o++)
                    y[o] += (1 - frac) * _table[start + o] + frac * _table[start + h + o];
        }
    }

    /// <summary>
    /// y = Dense(Embedding(x)) for <paramref name="rowCount"/> row-major rows: first every row's bin (its table
    /// position) and fraction, feature by feature, then, for each slice of <see cref="SliceVectors"/> SIMD vectors of
    /// outputs and each row, the sum over all features held in registers (y is written once per slice, and a
    /// slice of every feature's table, (bins + 1) × 64 floats × E, stays in the core's cache across the rows).
    /// The same values as <see cref="Forward"/> row by row (the same operations in the same order per output).
    /// </summary>
    /// <param name="x"><paramref name="rowCount"/> × <see cref="InputSize"/> values.</param>
    /// <param name="rowCount">Rows, ≥ 1.</param>
    /// <param name="y"><paramref name="rowCount"/> × <see cref="OutputSize"/> values.</param>
    /// <param name="scratch"><see cref="ScratchSize"/> values, overwritten.</param>
    /// <param name="positions"><paramref name="rowCount"/> × <see cref="EmbeddedCount"/> values, overwritten.</param>
    /// <param name="fractions"><paramref name="rowCount"/> × <see cref="EmbeddedCount"/> values, overwritten.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void ForwardRows(ReadOnlySpan<float> x, int rowCount, Span<float> y, Span<float> scratch, Span<int> positions, Span<float> fractions)
    {
        int f = InputSize, h = _outputSize, e = _embedded.Length;
        if (rowCount < 1 || x.Length != rowCount * f || y.Length != rowCount * h || scratch.Length != ScratchSize
            || positions.Length < rowCount * e || fractions.Length < rowCount * e)
            throw new ArgumentException($"The folded embedding and dense layer take rows of {f} inputs and {h} outputs, {ScratchSize} scratch values and {e} positions and fractions per row; received {x.Length} inputs, {y.Length} outputs, {scratch.Length} scratch values, {positions.Length} positions and {fractions.Length} fractions for {rowCount} rows.");
        for (int r = 0; r < rowCount; r++)
            PassthroughRow(x.Slice(r * f, f), y.Slice(r * h, h), scratch);
        // Feature by feature, so that a feature's search arrays stay in the L1 cache over the rows.
        for (int k = 0; k < e; k++)
            for (int r = 0, column = _embedded[k]; r < rowCount; r++)
                positions[r * e + k] = Locate(k, x[r * f + column], out fractions[r * e + k]);
        if (!IsVectorized)
        {
            for (int r = 0; r < rowCount; r++)
                for (int k = 0; k < e; k++)
                {
                    int start = positions[r * e + k];
                    float frac = fractions[r * e + k];
                    for (int o = 0; o < h; o++)
                        y[r * h + o] += (1 - frac) * _table[start + o] + frac * _table[start + h + o];
                }
            return;
        }
        int width = Vector<float>.Count, first = 0;
        bool wide = Vector512.IsHardwareAccelerated && SliceVectors * width == 4 * Vector512<float>.Count;
        for (; h - first >= SliceVectors * width; first += SliceVectors * width)
            if (wide)
                AddSliceWide(y, rowCount, positions, fractions, first);
            else
                AddSlice(y, rowCount, positions, fractions, first);
        for (; first < h; first += width)
            AddVector(y, rowCount, positions, fractions, first, Math.Min(width, h - first));
    }

    /// <summary>y = the passthrough columns' dense columns times their values, plus the folded bias.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PassthroughRow(ReadOnlySpan<float> x, Span<float> y, Span<float> scratch)
    {
        if (_quantile is not null)
            for (int p = 0; p < _passthrough.Length; p++)
                scratch[p] = PreprocessingForward.QuantileValue(_quantile, _quantilePrepared!, _passthrough[p], x[_passthrough[p]]);
        else
            for (int p = 0; p < _passthrough.Length; p++)
                scratch[p] = x[_passthrough[p]];
        _passthroughDense.Forward(scratch, y);
    }

    /// <summary>The position in the table of G_f[t] for the bin t of <paramref name="value"/> (values outside the edges extrapolate in the first or last bin) and the value's fraction of that bin; with the quantile preprocessing folded in, <paramref name="value"/> is raw and <see cref="FoldedQuantileLocator"/> answers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Locate(int k, float value, out float frac)
    {
        if (_locator is not null)
            return _locator.Locate(k, value, out frac);
        float[] edges = _edges[k];
        int t = _bins[k].LastAtMost(edges, value);
        int slot = k * _maxBins + PiecewiseLinearFoldTables.Slot(t, edges.Length - 1, _maxBins);
        frac = Math.Min(Math.Max(_slotBias[slot] + _slotWeight[slot] * value, _slotLower[slot]), _slotUpper[slot]);
        return _tableStart[k] + t * _outputSize;
    }

    /// <summary>y += (1 − frac)·G[t] + frac·G[t+1] (G[t] at <paramref name="g0"/>, G[t+1] <paramref name="next"/> values after it), one SIMD vector at a time, the tail scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddLerpVectorized(Span<float> y, ref float g0, int next, float frac)
    {
        int h = y.Length, width = Vector<float>.Count, o = 0;
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float g1 = ref Unsafe.Add(ref g0, next);
        var below = new Vector<float>(1 - frac);
        var above = new Vector<float>(frac);
        for (; o <= h - width; o += width)
        {
            nuint i = (nuint)o;
            var sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g0, i), below, Vector.LoadUnsafe(ref yr, i));
            Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g1, i), above, sum).StoreUnsafe(ref yr, i);
        }
        for (; o < h; o++)
            Unsafe.Add(ref yr, o) += (1 - frac) * Unsafe.Add(ref g0, o) + frac * Unsafe.Add(ref g1, o);
    }

    /// <summary>
    /// y += the lerps of four features (table positions <paramref name="p0"/>…<paramref name="p3"/>), interleaved per
    /// vector: four features' table rows are then read at once, so that more cache misses are in flight than one
    /// feature's row gives (a row's tables do not fit in the core's cache). Per output the same operations in the
    /// same order as four calls of <see cref="AddLerpVectorized"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddFourLerpsVectorized(Span<float> y, int p0, float f0, int p1, float f1, int p2, float f2, int p3, float f3)
    {
        int h = _outputSize, width = Vector<float>.Count, o = 0;
        nuint next = (nuint)h;
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float table = ref MemoryMarshal.GetArrayDataReference(_table);
        ref float g0 = ref Unsafe.Add(ref table, p0);
        ref float g1 = ref Unsafe.Add(ref table, p1);
        ref float g2 = ref Unsafe.Add(ref table, p2);
        ref float g3 = ref Unsafe.Add(ref table, p3);
        if (Vector512.IsHardwareAccelerated)
        {
            // The same operations per output with 512-bit vectors (bit for bit the 256-bit loop's), the rest below.
            Vector512<float> c0 = Vector512.Create(1 - f0), d0 = Vector512.Create(f0), c1 = Vector512.Create(1 - f1), d1 = Vector512.Create(f1);
            Vector512<float> c2 = Vector512.Create(1 - f2), d2 = Vector512.Create(f2), c3 = Vector512.Create(1 - f3), d3 = Vector512.Create(f3);
            for (; o <= h - Vector512<float>.Count; o += Vector512<float>.Count)
            {
                nuint i = (nuint)o;
                var sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref g0, i), c0, Vector512.LoadUnsafe(ref yr, i));
                sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref g0, i + next), d0, sum);
                sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref g1, i), c1, sum);
                sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref g1, i + next), d1, sum);
                sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref g2, i), c2, sum);
                sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref g2, i + next), d2, sum);
                sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref g3, i), c3, sum);
                Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref g3, i + next), d3, sum).StoreUnsafe(ref yr, i);
            }
        }
        Vector<float> b0 = new(1 - f0), a0 = new(f0), b1 = new(1 - f1), a1 = new(f1), b2 = new(1 - f2), a2 = new(f2), b3 = new(1 - f3), a3 = new(f3);
        for (; o <= h - width; o += width)
        {
            nuint i = (nuint)o;
            var sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g0, i), b0, Vector.LoadUnsafe(ref yr, i));
            sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g0, i + next), a0, sum);
            sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g1, i), b1, sum);
            sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g1, i + next), a1, sum);
            sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g2, i), b2, sum);
            sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g2, i + next), a2, sum);
            sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g3, i), b3, sum);
            Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g3, i + next), a3, sum).StoreUnsafe(ref yr, i);
        }
        for (; o < h; o++)
        {
            ref float yo = ref Unsafe.Add(ref yr, o);
            yo += (1 - f0) * Unsafe.Add(ref g0, o) + f0 * Unsafe.Add(ref g0, h + o);
            yo += (1 - f1) * Unsafe.Add(ref g1, o) + f1 * Unsafe.Add(ref g1, h + o);
            yo += (1 - f2) * Unsafe.Add(ref g2, o) + f2 * Unsafe.Add(ref g2, h + o);
            yo += (1 - f3) * Unsafe.Add(ref g3, o) + f3 * Unsafe.Add(ref g3, h + o);
        }
    }

    /// <summary>Adds every feature's contribution to outputs [start, start + <see cref="SliceVectors"/> vectors) of every row, the sums held in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddSlice(Span<float> y, int rowCount, ReadOnlySpan<int> positions, ReadOnlySpan<float> fractions, int start)
    {
        int h = _outputSize, e = _embedded.Length;
        nuint v = (nuint)Vector<float>.Count, next = (nuint)h;
        ref float table = ref MemoryMarshal.GetArrayDataReference(_table);
        ref int position = ref MemoryMarshal.GetReference(positions);
        ref float fraction = ref MemoryMarshal.GetReference(fractions);
        for (int r = 0; r < rowCount; r++)
        {
            ref float yr = ref Unsafe.Add(ref MemoryMarshal.GetReference(y), r * h + start);
            var a0 = Vector.LoadUnsafe(ref yr);
            var a1 = Vector.LoadUnsafe(ref yr, v);
            var a2 = Vector.LoadUnsafe(ref yr, 2 * v);
            var a3 = Vector.LoadUnsafe(ref yr, 3 * v);
            var a4 = Vector.LoadUnsafe(ref yr, 4 * v);
            var a5 = Vector.LoadUnsafe(ref yr, 5 * v);
            var a6 = Vector.LoadUnsafe(ref yr, 6 * v);
            var a7 = Vector.LoadUnsafe(ref yr, 7 * v);
            for (int k = 0, i = r * e; k < e; k++, i++)
            {
                ref float g = ref Unsafe.Add(ref table, Unsafe.Add(ref position, i) + start);
                float frac = Unsafe.Add(ref fraction, i);
                var below = new Vector<float>(1 - frac);
                var above = new Vector<float>(frac);
                a0 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g, next), above, Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g), below, a0));
                a1 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g, next + v), above, Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g, v), below, a1));
                a2 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g, next + 2 * v), above, Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g, 2 * v), below, a2));
                a3 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g, next + 3 * v), above, Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g, 3 * v), below, a3));
                a4 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g, next + 4 * v), above, Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g, 4 * v), below, a4));
                a5 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g, next + 5 * v), above, Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g, 5 * v), below, a5));
                a6 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g, next + 6 * v), above, Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g, 6 * v), below, a6));
                a7 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g, next + 7 * v), above, Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g, 7 * v), below, a7));
            }
            a0.StoreUnsafe(ref yr);
            a1.StoreUnsafe(ref yr, v);
            a2.StoreUnsafe(ref yr, 2 * v);
            a3.StoreUnsafe(ref yr, 3 * v);
            a4.StoreUnsafe(ref yr, 4 * v);
            a5.StoreUnsafe(ref yr, 5 * v);
            a6.StoreUnsafe(ref yr, 6 * v);
            a7.StoreUnsafe(ref yr, 7 * v);
        }
    }

    /// <summary>
    /// <see cref="AddSlice"/> with 512-bit vectors (a slice is four of them), two rows at a time so that eight
    /// independent sums are in flight as in the 256-bit loop. Each output gets the same multiply-adds in the same
    /// order, so the values are bit for bit <see cref="AddSlice"/>'s (and <see cref="Forward"/>'s).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddSliceWide(Span<float> y, int rowCount, ReadOnlySpan<int> positions, ReadOnlySpan<float> fractions, int start)
    {
        int h = _outputSize, e = _embedded.Length, r = 0;
        nuint v = (nuint)Vector512<float>.Count, next = (nuint)h;
        ref float table = ref MemoryMarshal.GetArrayDataReference(_table);
        ref int position = ref MemoryMarshal.GetReference(positions);
        ref float fraction = ref MemoryMarshal.GetReference(fractions);
        for (; r + 2 <= rowCount; r += 2)
        {
            ref float yr = ref Unsafe.Add(ref MemoryMarshal.GetReference(y), r * h + start);
            ref float ys = ref Unsafe.Add(ref yr, h);
            var a0 = Vector512.LoadUnsafe(ref yr);
            var a1 = Vector512.LoadUnsafe(ref yr, v);
            var a2 = Vector512.LoadUnsafe(ref yr, 2 * v);
            var a3 = Vector512.LoadUnsafe(ref yr, 3 * v);
            var c0 = Vector512.LoadUnsafe(ref ys);
            var c1 = Vector512.LoadUnsafe(ref ys, v);
            var c2 = Vector512.LoadUnsafe(ref ys, 2 * v);
            var c3 = Vector512.LoadUnsafe(ref ys, 3 * v);
            for (int k = 0, i = r * e; k < e; k++, i++)
            {
                ref float g = ref Unsafe.Add(ref table, Unsafe.Add(ref position, i) + start);
                float frac = Unsafe.Add(ref fraction, i);
                var below = Vector512.Create(1 - frac);
                var above = Vector512.Create(frac);
                ref float q = ref Unsafe.Add(ref table, Unsafe.Add(ref position, i + e) + start);
                float fracQ = Unsafe.Add(ref fraction, i + e);
                var belowQ = Vector512.Create(1 - fracQ);
                var aboveQ = Vector512.Create(fracQ);
                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref g, next), above, Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref g), below, a0));
                a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref g, next + v), above, Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref g, v), below, a1));
                a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref g, next + 2 * v), above, Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref g, 2 * v), below, a2));
                a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref g, next + 3 * v), above, Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref g, 3 * v), below, a3));
                c0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q, next), aboveQ, Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q), belowQ, c0));
                c1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q, next + v), aboveQ, Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q, v), belowQ, c1));
                c2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q, next + 2 * v), aboveQ, Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q, 2 * v), belowQ, c2));
                c3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q, next + 3 * v), aboveQ, Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q, 3 * v), belowQ, c3));
            }
            a0.StoreUnsafe(ref yr);
            a1.StoreUnsafe(ref yr, v);
            a2.StoreUnsafe(ref yr, 2 * v);
            a3.StoreUnsafe(ref yr, 3 * v);
            c0.StoreUnsafe(ref ys);
            c1.StoreUnsafe(ref ys, v);
            c2.StoreUnsafe(ref ys, 2 * v);
            c3.StoreUnsafe(ref ys, 3 * v);
        }
        if (r < rowCount)
            AddSlice(y[(r * h)..], rowCount - r, positions[(r * e)..], fractions[(r * e)..], start);
    }

    /// <summary>Adds every feature's contribution to outputs [start, start + <paramref name="count"/>) of every row, one vector (a full one) or the scalar tail.</summary>
    private void AddVector(Span<float> y, int rowCount, ReadOnlySpan<int> positions, ReadOnlySpan<float> fractions, int start, int count)
    {
        int h = _outputSize, e = _embedded.Length;
        for (int r = 0; r < rowCount; r++)
        {
            var yr = y.Slice(r * h + start, count);
            for (int k = 0, i = r * e; k < e; k++, i++)
                AddLerpVectorized(yr, ref _table[positions[i] + start], h, fractions[i]);
        }
    }
}
