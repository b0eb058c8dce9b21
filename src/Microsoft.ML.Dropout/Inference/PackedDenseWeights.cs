using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Microsoft.ML.Dropout.Snapshots;

namespace Microsoft.ML.Dropout.Inference;

/// <summary>
/// A dense layer's weights repacked once, at load time, for y = W·x + b on one row (PredictionEngine latency).
/// Outputs are computed in panels of <see cref="PanelVectors"/> SIMD vectors held in registers: for each input i the
/// panel's slice of Wᵀ[i, :] is contiguous in the packed array, so one broadcast of x[i] feeds
/// <see cref="PanelVectors"/> independent fused multiply-adds (enough in flight to hide FMA latency) and the weights
/// stream through memory in order. Outputs left over after the full panels go one vector at a time (four
/// accumulators over interleaved inputs), the last vector padded with zero weights (its padded lanes are never
/// stored). Layers narrower than one vector (the final layer of a binary or regression net) use one vectorized dot
/// product per output instead. Without SIMD hardware every layer takes a scalar dot product per output. Only the
/// summation order differs between these paths, so values agree with <see cref="ForwardOps.Dense"/> and ONNX
/// Runtime's Gemm to float rounding.
/// </summary>
internal sealed class PackedDenseWeights
{
    /// <summary>SIMD vectors of outputs per panel (8: two FMA units × four cycles of latency).</summary>
    internal const int PanelVectors = 8;

    private readonly float[] _weight;
    private readonly float[] _bias;
    private readonly float[] _packed;
    private readonly bool _vectorized;
    private readonly bool _outputsAsVectors;

    /// <summary>Packs <paramref name="dense"/>'s weights for <see cref="Forward"/>.</summary>
    internal PackedDenseWeights(DenseLayer dense)
        : this(dense.Weight, dense.Bias, dense.InputSize, dense.OutputSize, Vector.IsHardwareAccelerated)
    {
    }

    /// <summary>Packs row-major <paramref name="weight"/> ([<paramref name="outSize"/>, <paramref name="inSize"/>]).</summary>
    /// <param name="weight">W, one row per output.</param>
    /// <param name="bias">b, one value per output.</param>
    /// <param name="inSize">Inputs per row.</param>
    /// <param name="outSize">Outputs per row.</param>
    /// <param name="vectorized">Use the SIMD panels (false: the scalar fallback, also used by tests on SIMD hardware).</param>
    internal PackedDenseWeights(float[] weight, float[] bias, int inSize, int outSize, bool vectorized)
    {
        InputSize = inSize;
        OutputSize = outSize;
        _weight = weight;
        _bias = bias;
        _vectorized = vectorized;
        _outputsAsVectors = vectorized && outSize >= Vector<float>.Count;
        _packed = _outputsAsVectors ? Pack(weight, inSize, outSize) : [];
    }

    /// <summary>Inputs per row.</summary>
    internal int InputSize { get; }

    /// <summary>Outputs per row.</summary>
    internal int OutputSize { get; }

    /// <summary>y = W·x + b; <paramref name="x"/> holds <see cref="InputSize"/> values, <paramref name="y"/> <see cref="OutputSize"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Length != InputSize || y.Length != OutputSize)
            throw new ArgumentException($"A dense layer of {InputSize} inputs and {OutputSize} outputs was given spans of {x.Length} and {y.Length} values.");
        if (_outputsAsVectors)
            ForwardPanels(x, y);
        else if (_vectorized)
            ForwardOps.DenseOneRow(x, InputSize, OutputSize, _weight, _bias, y);
        else
            ForwardScalar(x, y);
    }

    /// <summary>
    /// y = W·x + b for <paramref name="rowCount"/> row-major rows, the same values as <see cref="Forward"/> row by
    /// row (the same multiply-adds in the same order per output). When every output is in a full panel, four rows
    /// go together through each pair of a panel's vectors (<see cref="ForwardFourRows"/>): one load of the weights
    /// feeds four rows' multiply-adds, and the pair's weights (inputs × 2 vectors) stay in the L1 cache across the
    /// row groups; other rows and layers go row by row.
    /// </summary>
    /// <param name="x"><paramref name="rowCount"/> × <see cref="InputSize"/> values.</param>
    /// <param name="rowCount">Rows, ≥ 0.</param>
    /// <param name="y"><paramref name="rowCount"/> × <see cref="OutputSize"/> values.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void ForwardRows(ReadOnlySpan<float> x, int rowCount, Span<float> y)
    {
        int inSize = InputSize, outSize = OutputSize;
        if (rowCount < 0 || x.Length != rowCount * inSize || y.Length != rowCount * outSize)
            throw new ArgumentException($"A dense layer of {InputSize} inputs and {OutputSize} outputs was given {x.Length} inputs and {y.Length} outputs for {rowCount} rows.");
        int grouped = _outputsAsVectors && outSize % (PanelVectors * Vector<float>.Count) == 0 ? rowCount / 4 * 4 : 0;
        if (grouped > 0)
            ForwardFourRows(x, grouped, y);
        for (int r = grouped; r < rowCount; r++)
            Forward(x.Slice(r * inSize, inSize), y.Slice(r * outSize, outSize));
    }

    /// <summary>
    /// <paramref name="rowCount"/> (a multiple of 4) rows, every output in a full panel: per half of a panel (4
    /// vectors), per group of four rows, 16 accumulators (4 vectors × 4 rows) over all inputs (AVX-512 hardware gives
    /// the JIT 32 vector registers; with 16 some accumulators spill to the L1 cache).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardFourRows(ReadOnlySpan<float> x, int rowCount, Span<float> y)
    {
        if (Vector512.IsHardwareAccelerated && PanelVectors * Vector<float>.Count == 4 * Vector512<float>.Count)
        {
            ForwardFourRowsWide(x, rowCount, y);
            return;
        }
        int width = Vector<float>.Count, inSize = InputSize, outSize = OutputSize, stride = PanelVectors * width;
        ref float w = ref MemoryMarshal.GetArrayDataReference(_packed);
        ref float b = ref MemoryMarshal.GetArrayDataReference(_bias);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        nuint v = (nuint)width;
        for (int start = 0; start < outSize; start += stride)
        {
            ref float panel = ref Unsafe.Add(ref w, (nint)start * inSize);
            for (int quad = 0; quad < PanelVectors; quad += 4)
            {
                int first = start + quad * width;
                ref float weights = ref Unsafe.Add(ref panel, quad * width);
                var b0 = Vector.LoadUnsafe(ref b, (nuint)first);
                var b1 = Vector.LoadUnsafe(ref b, (nuint)first + v);
                var b2 = Vector.LoadUnsafe(ref b, (nuint)first + 2 * v);
                var b3 = Vector.LoadUnsafe(ref b, (nuint)first + 3 * v);
                for (int r = 0; r < rowCount; r += 4)
                {
                    ref float x0 = ref Unsafe.Add(ref xr, r * inSize);
                    ref float x1 = ref Unsafe.Add(ref x0, inSize);
                    ref float x2 = ref Unsafe.Add(ref x1, inSize);
                    ref float x3 = ref Unsafe.Add(ref x2, inSize);
                    Vector<float> a00 = b0, a01 = b1, a02 = b2, a03 = b3, a10 = b0, a11 = b1, a12 = b2, a13 = b3;
                    Vector<float> a20 = b0, a21 = b1, a22 = b2, a23 = b3, a30 = b0, a31 = b1, a32 = b2, a33 = b3;
                    nuint k = 0;
                    for (int i = 0; i < inSize; i++, k += (nuint)stride)
                    {
                        var w0 = Vector.LoadUnsafe(ref weights, k);
                        var w1 = Vector.LoadUnsafe(ref weights, k + v);
                        var w2 = Vector.LoadUnsafe(ref weights, k + 2 * v);
                        var w3 = Vector.LoadUnsafe(ref weights, k + 3 * v);
                        var s = new Vector<float>(Unsafe.Add(ref x0, i));
                        a00 = Vector.MultiplyAddEstimate(w0, s, a00);
                        a01 = Vector.MultiplyAddEstimate(w1, s, a01);
                        a02 = Vector.MultiplyAddEstimate(w2, s, a02);
                        a03 = Vector.MultiplyAddEstimate(w3, s, a03);
                        s = new Vector<float>(Unsafe.Add(ref x1, i));
                        a10 = Vector.MultiplyAddEstimate(w0, s, a10);
                        a11 = Vector.MultiplyAddEstimate(w1, s, a11);
                        a12 = Vector.MultiplyAddEstimate(w2, s, a12);
                        a13 = Vector.MultiplyAddEstimate(w3, s, a13);
                        s = new Vector<float>(Unsafe.Add(ref x2, i));
                        a20 = Vector.MultiplyAddEstimate(w0, s, a20);
                        a21 = Vector.MultiplyAddEstimate(w1, s, a21);
                        a22 = Vector.MultiplyAddEstimate(w2, s, a22);
                        a23 = Vector.MultiplyAddEstimate(w3, s, a23);
                        s = new Vector<float>(Unsafe.Add(ref x3, i));
                        a30 = Vector.MultiplyAddEstimate(w0, s, a30);
                        a31 = Vector.MultiplyAddEstimate(w1, s, a31);
                        a32 = Vector.MultiplyAddEstimate(w2, s, a32);
                        a33 = Vector.MultiplyAddEstimate(w3, s, a33);
                    }
                    ref float y0 = ref Unsafe.Add(ref yr, r * outSize + first);
                    Store(ref y0, v, a00, a01, a02, a03);
                    ref float y1 = ref Unsafe.Add(ref y0, outSize);
                    Store(ref y1, v, a10, a11, a12, a13);
                    ref float y2 = ref Unsafe.Add(ref y1, outSize);
                    Store(ref y2, v, a20, a21, a22, a23);
                    Store(ref Unsafe.Add(ref y2, outSize), v, a30, a31, a32, a33);
                }
            }
        }
    }

    /// <summary>
    /// <see cref="ForwardFourRows"/> with 512-bit vectors, when the hardware has them and a panel is four of them
    /// (eight 256-bit vectors): per panel and group of four rows, 16 accumulators (4 vectors × 4 rows) over all
    /// inputs, half the loads and multiply-adds of the 256-bit loop. Each output gets the same multiply-adds in the
    /// same order (bias, then input 0, 1, …), so the values are bit for bit those of <see cref="Forward"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardFourRowsWide(ReadOnlySpan<float> x, int rowCount, Span<float> y)
    {
        int inSize = InputSize, outSize = OutputSize, stride = 4 * Vector512<float>.Count;
        nuint v = (nuint)Vector512<float>.Count;
        ref float w = ref MemoryMarshal.GetArrayDataReference(_packed);
        ref float b = ref MemoryMarshal.GetArrayDataReference(_bias);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        for (int first = 0; first < outSize; first += stride)
        {
            ref float weights = ref Unsafe.Add(ref w, (nint)first * inSize);
            var b0 = Vector512.LoadUnsafe(ref b, (nuint)first);
            var b1 = Vector512.LoadUnsafe(ref b, (nuint)first + v);
            var b2 = Vector512.LoadUnsafe(ref b, (nuint)first + 2 * v);
            var b3 = Vector512.LoadUnsafe(ref b, (nuint)first + 3 * v);
            for (int r = 0; r < rowCount; r += 4)
            {
                ref float x0 = ref Unsafe.Add(ref xr, r * inSize);
                ref float x1 = ref Unsafe.Add(ref x0, inSize);
                ref float x2 = ref Unsafe.Add(ref x1, inSize);
                ref float x3 = ref Unsafe.Add(ref x2, inSize);
                Vector512<float> a00 = b0, a01 = b1, a02 = b2, a03 = b3, a10 = b0, a11 = b1, a12 = b2, a13 = b3;
                Vector512<float> a20 = b0, a21 = b1, a22 = b2, a23 = b3, a30 = b0, a31 = b1, a32 = b2, a33 = b3;
                nuint k = 0;
                for (int i = 0; i < inSize; i++, k += (nuint)stride)
                {
                    var w0 = Vector512.LoadUnsafe(ref weights, k);
                    var w1 = Vector512.LoadUnsafe(ref weights, k + v);
                    var w2 = Vector512.LoadUnsafe(ref weights, k + 2 * v);
                    var w3 = Vector512.LoadUnsafe(ref weights, k + 3 * v);
                    var s = Vector512.Create(Unsafe.Add(ref x0, i));
                    a00 = Vector512.FusedMultiplyAdd(w0, s, a00);
                    a01 = Vector512.FusedMultiplyAdd(w1, s, a01);
                    a02 = Vector512.FusedMultiplyAdd(w2, s, a02);
                    a03 = Vector512.FusedMultiplyAdd(w3, s, a03);
                    s = Vector512.Create(Unsafe.Add(ref x1, i));
                    a10 = Vector512.FusedMultiplyAdd(w0, s, a10);
                    a11 = Vector512.FusedMultiplyAdd(w1, s, a11);
                    a12 = Vector512.FusedMultiplyAdd(w2, s, a12);
                    a13 = Vector512.FusedMultiplyAdd(w3, s, a13);
                    s = Vector512.Create(Unsafe.Add(ref x2, i));
                    a20 = Vector512.FusedMultiplyAdd(w0, s, a20);
                    a21 = Vector512.FusedMultiplyAdd(w1, s, a21);
                    a22 = Vector512.FusedMultiplyAdd(w2, s, a22);
                    a23 = Vector512.FusedMultiplyAdd(w3, s, a23);
                    s = Vector512.Create(Unsafe.Add(ref x3, i));
                    a30 = Vector512.FusedMultiplyAdd(w0, s, a30);
                    a31 = Vector512.FusedMultiplyAdd(w1, s, a31);
                    a32 = Vector512.FusedMultiplyAdd(w2, s, a32);
                    a33 = Vector512.FusedMultiplyAdd(w3, s, a33);
                }
                ref float y0 = ref Unsafe.Add(ref yr, r * outSize + first);
                StoreWide(ref y0, v, a00, a01, a02, a03);
                ref float y1 = ref Unsafe.Add(ref y0, outSize);
                StoreWide(ref y1, v, a10, a11, a12, a13);
                ref float y2 = ref Unsafe.Add(ref y1, outSize);
                StoreWide(ref y2, v, a20, a21, a22, a23);
                StoreWide(ref Unsafe.Add(ref y2, outSize), v, a30, a31, a32, a33);
            }
        }
    }

    /// <summary>Stores four consecutive 512-bit vectors at <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreWide(ref float y, nuint v, Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3)
    {
        a0.StoreUnsafe(ref y);
        a1.StoreUnsafe(ref y, v);
        a2.StoreUnsafe(ref y, 2 * v);
        a3.StoreUnsafe(ref y, 3 * v);
    }

    /// <summary>Stores four consecutive vectors at <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float y, nuint v, Vector<float> a0, Vector<float> a1, Vector<float> a2, Vector<float> a3)
    {
        a0.StoreUnsafe(ref y);
        a1.StoreUnsafe(ref y, v);
        a2.StoreUnsafe(ref y, 2 * v);
        a3.StoreUnsafe(ref y, 3 * v);
    }

    /// <summary>
    /// Wᵀ in panel order: for each panel (first the full panels of <see cref="PanelVectors"/> vectors, then single
    /// vectors), for each input i, the panel's outputs of row i of Wᵀ; outputs past <c>outSize</c> are zeros.
    /// </summary>
    private static float[] Pack(float[] weight, int inSize, int outSize)
    {
        int width = Vector<float>.Count;
        int paddedOut = (outSize + width - 1) / width * width;
        var packed = new float[(long)paddedOut * inSize];
        long k = 0;
        int start = 0;
        while (start < outSize)
        {
            int panel = outSize - start >= PanelVectors * width ? PanelVectors * width : width;
            for (int i = 0; i < inSize; i++)
                for (int o = start; o < start + panel; o++, k++)
                    packed[k] = o < outSize ? weight[(long)o * inSize + i] : 0f;
            start += panel;
        }
        return packed;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardPanels(ReadOnlySpan<float> x, Span<float> y)
    {
        int width = Vector<float>.Count, inSize = InputSize, outSize = OutputSize;
        ref float w = ref MemoryMarshal.GetArrayDataReference(_packed);
        ref float b = ref MemoryMarshal.GetArrayDataReference(_bias);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        nuint k = 0;
        int start = 0;
        if (Vector512.IsHardwareAccelerated && PanelVectors * width == 4 * Vector512<float>.Count)
        {
            start = ForwardPanelsWide(x, y);
            k = (nuint)start * (nuint)inSize;
        }
        for (; outSize - start >= PanelVectors * width; start += PanelVectors * width)
        {
            nuint s = (nuint)start, v = (nuint)width;
            var a0 = Vector.LoadUnsafe(ref b, s);
            var a1 = Vector.LoadUnsafe(ref b, s + v);
            var a2 = Vector.LoadUnsafe(ref b, s + 2 * v);
            var a3 = Vector.LoadUnsafe(ref b, s + 3 * v);
            var a4 = Vector.LoadUnsafe(ref b, s + 4 * v);
            var a5 = Vector.LoadUnsafe(ref b, s + 5 * v);
            var a6 = Vector.LoadUnsafe(ref b, s + 6 * v);
            var a7 = Vector.LoadUnsafe(ref b, s + 7 * v);
            for (int i = 0; i < inSize; i++, k += PanelVectors * v)
            {
                var xi = new Vector<float>(Unsafe.Add(ref xr, i));
                a0 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref w, k), xi, a0);
                a1 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref w, k + v), xi, a1);
                a2 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref w, k + 2 * v), xi, a2);
                a3 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref w, k + 3 * v), xi, a3);
                a4 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref w, k + 4 * v), xi, a4);
                a5 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref w, k + 5 * v), xi, a5);
                a6 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref w, k + 6 * v), xi, a6);
                a7 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref w, k + 7 * v), xi, a7);
            }
            a0.StoreUnsafe(ref yr, s);
            a1.StoreUnsafe(ref yr, s + v);
            a2.StoreUnsafe(ref yr, s + 2 * v);
            a3.StoreUnsafe(ref yr, s + 3 * v);
            a4.StoreUnsafe(ref yr, s + 4 * v);
            a5.StoreUnsafe(ref yr, s + 5 * v);
            a6.StoreUnsafe(ref yr, s + 6 * v);
            a7.StoreUnsafe(ref yr, s + 7 * v);
        }
        Span<float> lanes = stackalloc float[width];
        for (; start < outSize; start += width)
        {
            int count = Math.Min(width, outSize - start);
            // The bias of a partial vector is read lane by lane: _bias has no padding.
            for (int j = 0; j < width; j++)
                lanes[j] = j < count ? _bias[start + j] : 0f;
            // Four accumulators over interleaved inputs (i mod 4), so that four multiply-adds are in flight.
            var a = new Vector<float>(lanes);
            Vector<float> b1 = default, b2 = default, b3 = default;
            nuint v = (nuint)width;
            int i = 0;
            for (; i <= inSize - 4; i += 4, k += 4 * v)
            {
                a = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref w, k), new Vector<float>(Unsafe.Add(ref xr, i)), a);
                b1 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref w, k + v), new Vector<float>(Unsafe.Add(ref xr, i + 1)), b1);
                b2 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref w, k + 2 * v), new Vector<float>(Unsafe.Add(ref xr, i + 2)), b2);
                b3 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref w, k + 3 * v), new Vector<float>(Unsafe.Add(ref xr, i + 3)), b3);
            }
            for (; i < inSize; i++, k += v)
                a = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref w, k), new Vector<float>(Unsafe.Add(ref xr, i)), a);
            a += b1 + b2 + b3;
            if (count == width)
                a.StoreUnsafe(ref yr, (nuint)start);
            else
            {
                a.CopyTo(lanes);
                lanes[..count].CopyTo(y[start..]);
            }
        }
    }

    /// <summary>
    /// The full panels of <see cref="ForwardPanels"/> with 512-bit vectors (a panel is four of them): two panels at a
    /// time, eight independent sums as in the 256-bit loop, then a last single panel. Each output gets the same
    /// multiply-adds in the same order (bias, then input 0, 1, …), so the values are bit for bit the 256-bit loop's.
    /// Returns the first output after the full panels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ForwardPanelsWide(ReadOnlySpan<float> x, Span<float> y)
    {
        int inSize = InputSize, outSize = OutputSize, panel = 4 * Vector512<float>.Count;
        nuint v = (nuint)Vector512<float>.Count, stride = (nuint)panel;
        ref float w = ref MemoryMarshal.GetArrayDataReference(_packed);
        ref float b = ref MemoryMarshal.GetArrayDataReference(_bias);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int start = 0;
        for (; outSize - start >= 2 * panel; start += 2 * panel)
        {
            nuint s = (nuint)start, t = s + stride;
            ref float wa = ref Unsafe.Add(ref w, (nint)start * inSize);
            ref float wb = ref Unsafe.Add(ref wa, (nint)panel * inSize);
            var a0 = Vector512.LoadUnsafe(ref b, s);
            var a1 = Vector512.LoadUnsafe(ref b, s + v);
            var a2 = Vector512.LoadUnsafe(ref b, s + 2 * v);
            var a3 = Vector512.LoadUnsafe(ref b, s + 3 * v);
            var c0 = Vector512.LoadUnsafe(ref b, t);
            var c1 = Vector512.LoadUnsafe(ref b, t + v);
            var c2 = Vector512.LoadUnsafe(ref b, t + 2 * v);
            var c3 = Vector512.LoadUnsafe(ref b, t + 3 * v);
            nuint k = 0;
            for (int i = 0; i < inSize; i++, k += stride)
            {
                var xi = Vector512.Create(Unsafe.Add(ref xr, i));
                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wa, k), xi, a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wa, k + v), xi, a1);
                a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wa, k + 2 * v), xi, a2);
                a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wa, k + 3 * v), xi, a3);
                c0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wb, k), xi, c0);
                c1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wb, k + v), xi, c1);
                c2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wb, k + 2 * v), xi, c2);
                c3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wb, k + 3 * v), xi, c3);
            }
            StoreWide(ref Unsafe.Add(ref yr, start), v, a0, a1, a2, a3);
            StoreWide(ref Unsafe.Add(ref yr, start + panel), v, c0, c1, c2, c3);
        }
        if (outSize - start >= panel)
        {
            nuint s = (nuint)start;
            ref float wa = ref Unsafe.Add(ref w, (nint)start * inSize);
            var a0 = Vector512.LoadUnsafe(ref b, s);
            var a1 = Vector512.LoadUnsafe(ref b, s + v);
            var a2 = Vector512.LoadUnsafe(ref b, s + 2 * v);
            var a3 = Vector512.LoadUnsafe(ref b, s + 3 * v);
            nuint k = 0;
            for (int i = 0; i < inSize; i++, k += stride)
            {
                var xi = Vector512.Create(Unsafe.Add(ref xr, i));
                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wa, k), xi, a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wa, k + v), xi, a1);
                a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wa, k + 2 * v), xi, a2);
                a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wa, k + 3 * v), xi, a3);
            }
            StoreWide(ref Unsafe.Add(ref yr, start), v, a0, a1, a2, a3);
            start += panel;
        }
        return start;
    }

    /// <summary>The fallback without SIMD: one scalar dot product per output over W's rows.</summary>
    private void ForwardScalar(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int o = 0; o < OutputSize; o++)
        {
            var row = new ReadOnlySpan<float>(_weight, o * InputSize, InputSize);
            float sum = 0;
            for (int i = 0; i < row.Length; i++)
                sum += row[i] * x[i];
            y[o] = sum + _bias[o];
        }
    }
}
