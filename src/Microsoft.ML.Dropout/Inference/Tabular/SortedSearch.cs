using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Microsoft.ML.Dropout.Inference.Tabular;

/// <summary>Branch-free binary search in sorted floats (the quantile knots, the piecewise-linear bin edges).</summary>
internal static class SortedSearch
{
    /// <summary>
    /// The largest index i with <paramref name="sorted"/>[i] ≤ <paramref name="x"/>, or 0 when there is none (also for
    /// NaN). Halving steps whose comparison becomes a conditional move, so a row of unpredictable values does not
    /// pay a branch misprediction per step.
    /// </summary>
    /// <param name="sorted">Non-decreasing values; at least one.</param>
    /// <param name="x">The value looked up.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int LastAtMost(ReadOnlySpan<float> sorted, float x)
    {
        ref float first = ref MemoryMarshal.GetReference(sorted);
        int lo = 0, length = sorted.Length;            // invariant: the answer is in [lo, lo + length)
        while (length > 1)
        {
            int half = length >> 1;
            lo = Unsafe.Add(ref first, lo + half) <= x ? lo + half : lo;
            length -= half;
        }
        return lo;
    }
}
