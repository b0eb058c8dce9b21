using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Microsoft.ML.Dropout.Inference.Tabular;

/// <summary>
/// What the folded embedding needs per embedded feature and raw value — the position of its two table rows and the
/// value's fraction of its bin — from one search and two records: the feature's (fill value, clamp range, bucket
/// grid, where its breakpoints and segments start) and the segment's (quantile knot and slope, the bin's
/// coefficients, table position), everything a segment determines computed at load time. The same floats as
/// <see cref="QuantileBinLookup.Bin"/> followed by the embedding's slot arithmetic (the same search, the same
/// operations on the same operands); it only replaces a dozen array reads per feature, each with its bounds check,
/// by two.
/// </summary>
internal sealed class FoldedQuantileLocator
{
    /// <summary>Per embedded feature: what its search needs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Feature
    {
        internal float Fill, Low, High, Origin, Scale;
        /// <summary>Buckets of the grid (0: plain binary search over the run).</summary>
        internal int Buckets;
        /// <summary>Where the feature's grid starts in <see cref="_bucketStarts"/>.</summary>
        internal int BucketStart;
        /// <summary>Where its searched run of breakpoints starts in <see cref="_breaks"/>, and its length.</summary>
        internal int BreakStart, BreakCount;
        /// <summary>Where its segments start in <see cref="_segments"/>.</summary>
        internal int SegmentStart;
    }

    /// <summary>Per segment: its quantile knot, and the coefficients and table position of its bin.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Segment
    {
        internal float KnotX, KnotY, Slope, SlotBias, SlotWeight, SlotLower, SlotUpper;
        internal int Table;
    }

    private readonly Feature[] _features;
    private readonly Segment[] _segments;
    private readonly float[] _breaks;
    private readonly int[] _bucketStarts;

    /// <param name="lookup">The embedded columns' quantile segments and bins.</param>
    /// <param name="edgeCounts">Per embedded feature, its bin edges (bins + 1).</param>
    /// <param name="maxBins">Slots per feature in the coefficient arrays.</param>
    /// <param name="slotWeight">The embedding's slot coefficients (<c>PiecewiseLinearEncodingLayer.Coefficients</c>), per feature <paramref name="maxBins"/> slots.</param>
    /// <param name="slotBias">As <paramref name="slotWeight"/>.</param>
    /// <param name="slotLower">As <paramref name="slotWeight"/>.</param>
    /// <param name="slotUpper">As <paramref name="slotWeight"/>.</param>
    /// <param name="tableStart">Per embedded feature, the position of its first table row.</param>
    /// <param name="rowWidth">Values per table row (the dense layer's outputs).</param>
    internal FoldedQuantileLocator(QuantileBinLookup lookup, int[] edgeCounts, int maxBins, float[] slotWeight, float[] slotBias, float[] slotLower, float[] slotUpper, int[] tableStart, int rowWidth)
    {
        int e = edgeCounts.Length;
        _breaks = lookup.Breaks;
        _features = new Feature[e];
        var segments = new List<Segment>();
        var bucketStarts = new List<int>();
        for (int k = 0; k < e; k++)
        {
            var search = lookup.Search(k);
            var (low, high) = lookup.Range(k);
            _features[k] = new Feature
            {
                Fill = lookup.Fill(k), Low = low, High = high, Origin = search.Origin, Scale = search.Scale,
                Buckets = search.BucketStarts.Length - 1, BucketStart = bucketStarts.Count,
                BreakStart = search.Start, BreakCount = search.Count, SegmentStart = segments.Count,
            };
            foreach (int start in search.BucketStarts) bucketStarts.Add(start);
            for (int s = 0; s < lookup.SegmentCount(k); s++)
            {
                var (knotX, knotY, slope, t) = lookup.Segment(k, s);
                int slot = k * maxBins + PiecewiseLinearFoldTables.Slot(t, edgeCounts[k] - 1, maxBins);
                segments.Add(new Segment
                {
                    KnotX = knotX, KnotY = knotY, Slope = slope,
                    SlotBias = slotBias[slot], SlotWeight = slotWeight[slot], SlotLower = slotLower[slot], SlotUpper = slotUpper[slot],
                    Table = tableStart[k] + t * rowWidth,
                });
            }
        }
        _segments = segments.ToArray();
        _bucketStarts = bucketStarts.ToArray();
    }

    /// <summary>
    /// The table position of G_k[t] for the bin t of embedded feature <paramref name="k"/>'s raw value
    /// <paramref name="raw"/>, and the preprocessed value's fraction of that bin (clamped as the embedding clamps).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Locate(int k, float raw, out float frac)
    {
        ref Feature f = ref _features[k];
        float x = float.IsNaN(raw) ? f.Fill : raw;
        x = Math.Min(Math.Max(x, f.Low), f.High);
        int i = BucketedSearch.LastAtMost(new ReadOnlySpan<float>(_breaks, f.BreakStart, f.BreakCount),
            new ReadOnlySpan<int>(_bucketStarts, f.BucketStart, f.Buckets + 1), f.Origin, f.Scale, x);
        ref Segment s = ref _segments[f.SegmentStart + i];
        float value = s.KnotY + s.Slope * (x - s.KnotX);
        frac = Math.Min(Math.Max(s.SlotBias + s.SlotWeight * value, s.SlotLower), s.SlotUpper);
        return s.Table;
    }
}
