using System.Runtime.CompilerServices;

namespace Microsoft.ML.Dropout.Inference.Tabular;

/// <summary>
/// <see cref="SortedSearch.LastAtMost"/> over one sorted run of values through a uniform grid of buckets built once:
/// the value's bucket (one multiply) bounds the answer to the values between the starts of its neighbouring
/// buckets, so the binary search runs over a few values instead of all of them (the quantile knots of a feature:
/// about 8 dependent steps become 1–2). The answer is the same as the full search's: the grid only narrows the
/// range, with a bucket of slack on each side for the rounding of the bucket computation.
/// </summary>
internal sealed class BucketedSearch
{
    private readonly int _start;
    private readonly int _count;
    private readonly float _origin;
    private readonly float _scale;
    /// <summary>[buckets + 1]: the answer at each bucket's lower boundary, relative to <see cref="_start"/>.</summary>
    private readonly int[] _bucketStarts;

    /// <param name="values">Holds the run.</param>
    /// <param name="start">First index of the run.</param>
    /// <param name="count">Non-decreasing finite values in the run, ≥ 1.</param>
    internal BucketedSearch(float[] values, int start, int count)
    {
        _start = start;
        _count = count;
        var run = new ReadOnlySpan<float>(values, start, count);
        double width = ((double)run[^1] - run[0]) / count;
        int buckets = count >= 4 && width > 0 ? count : 0;
        _origin = run[0];
        _scale = buckets > 0 ? (float)(1 / width) : 0f;
        _bucketStarts = new int[buckets + 1];
        for (int b = 0; b <= buckets; b++)
            _bucketStarts[b] = SortedSearch.LastAtMost(run, (float)(run[0] + b * width));
    }

    /// <summary>First index of the run in the array it was built on.</summary>
    internal int Start => _start;

    /// <summary>Values in the run.</summary>
    internal int Count => _count;

    /// <summary>The run's first value: bucket 0 starts there.</summary>
    internal float Origin => _origin;

    /// <summary>Buckets per unit of value (0 without buckets).</summary>
    internal float Scale => _scale;

    /// <summary>[buckets + 1]: the answer at each bucket's lower boundary, relative to <see cref="Start"/>; one element (0) without buckets.</summary>
    internal ReadOnlySpan<int> BucketStarts => _bucketStarts;

    /// <summary>The largest index i of the run (relative to its start) with value ≤ <paramref name="x"/>, or 0 when there is none (also for NaN).</summary>
    /// <param name="values">The array the search was built on.</param>
    /// <param name="x">The value looked up.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int LastAtMost(float[] values, float x) =>
        LastAtMost(new ReadOnlySpan<float>(values, _start, _count), _bucketStarts, _origin, _scale, x);

    /// <summary>
    /// The search itself, for a grid stored elsewhere (e.g. flattened over many runs): the largest index i of
    /// <paramref name="run"/> with value ≤ <paramref name="x"/>, or 0 when there is none (also for NaN).
    /// </summary>
    /// <param name="run">The sorted run.</param>
    /// <param name="bucketStarts">Its grid (<see cref="BucketStarts"/>): [buckets + 1], one element for no grid.</param>
    /// <param name="origin">The run's first value (<see cref="Origin"/>).</param>
    /// <param name="scale">Buckets per unit of value (<see cref="Scale"/>).</param>
    /// <param name="x">The value looked up.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int LastAtMost(ReadOnlySpan<float> run, ReadOnlySpan<int> bucketStarts, float origin, float scale, float x)
    {
        int buckets = bucketStarts.Length - 1;
        if (buckets == 0)
            return SortedSearch.LastAtMost(run, x);
        float position = (x - origin) * scale;
        int b = position >= 0 ? (position < buckets ? (int)position : buckets - 1) : 0;
        int lo = bucketStarts[Math.Max(b - 1, 0)], hi = bucketStarts[Math.Min(b + 2, buckets)];
        return lo + SortedSearch.LastAtMost(run.Slice(lo, hi - lo + 1), x);
    }
}
