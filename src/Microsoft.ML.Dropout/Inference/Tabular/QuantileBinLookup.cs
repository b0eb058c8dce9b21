using System.Runtime.CompilerServices;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Inference.Tabular;

/// <summary>
/// Quantile preprocessing and the piecewise-linear embedding's bin lookup of each embedded column in one search over
/// raw values. The quantile map is monotone and piecewise linear, so the raw breakpoints — its knots and the
/// preimages of the embedding's inner bin edges — cut the column into segments that each lie in one quantile
/// segment and one bin; one search over them (instead of one over the knots and one over the edges) gives both.
/// The preprocessed value is then computed as the quantile step computes it (NaN → the fill value, clamped to the
/// end knots, interpolated in float from the segment's knot), so it is the same float; a value within rounding of
/// a bin edge may be given the bin on the other side, where the embedding is continuous.
/// </summary>
internal sealed class QuantileBinLookup
{
    private readonly int[] _columns;
    private readonly float[] _fill;
    private readonly float[] _knotX;
    private readonly float[] _knotY;
    private readonly float[] _slopes;
    /// <summary>Per embedded feature, its raw breakpoints (strictly increasing) in <see cref="_breaks"/>.</summary>
    private readonly float[] _breaks;
    private readonly int[] _breakStart;
    private readonly int[] _breakCount;
    private readonly BucketedSearch[] _search;
    /// <summary>Per embedded feature, the index of its first segment in <see cref="_segmentKnot"/> and <see cref="_segmentBin"/>.</summary>
    private readonly int[] _segmentStart;
    /// <summary>Per segment (a feature's segments from <see cref="_segmentStart"/>): the index of its quantile knot in the layer's knot arrays.</summary>
    private readonly int[] _segmentKnot;
    /// <summary>Per segment: its bin of the embedding.</summary>
    private readonly int[] _segmentBin;

    /// <summary>Whether the lookup applies: quantile preprocessing right before the embedding, over the same columns.</summary>
    internal static bool Applies(PreprocessingLayer preprocessing, PiecewiseLinearEncodingLayer encoding) =>
        preprocessing.Kind == FeaturePreprocessing.Quantile && preprocessing.FeatureCount == encoding.FeatureCount;

    /// <param name="preprocessing">Quantile preprocessing of every column.</param>
    /// <param name="encoding">The embedding's encoding of the preprocessed columns.</param>
    /// <exception cref="ArgumentException">The preprocessing is not a quantile transform of the encoding's columns.</exception>
    internal QuantileBinLookup(PreprocessingLayer preprocessing, PiecewiseLinearEncodingLayer encoding)
    {
        if (!Applies(preprocessing, encoding))
            throw new ArgumentException($"Layer '{preprocessing.Name}' ({preprocessing.Kind}, {preprocessing.FeatureCount} columns) is not a quantile transform of the {encoding.FeatureCount} columns layer '{encoding.Name}' encodes.");
        preprocessing.Validate();
        int m = preprocessing.KnotCount, e = encoding.EmbeddedFeatures.Length;
        _columns = encoding.EmbeddedFeatures;
        _fill = preprocessing.Fill;
        _knotX = preprocessing.KnotX;
        _knotY = preprocessing.KnotY;
        _slopes = preprocessing.Slopes();
        _breakStart = new int[e];
        _breakCount = new int[e];
        _segmentStart = new int[e];
        var breaks = new List<float>();
        var segmentKnot = new List<int>();
        var segmentBin = new List<int>();
        for (int k = 0; k < e; k++)
        {
            int start = _columns[k] * m;
            var knots = Breakpoints(_knotX.AsSpan(start, m), _knotY.AsSpan(start, m), encoding.Edges[k]);
            _breakStart[k] = breaks.Count;
            _breakCount[k] = knots.Count;
            breaks.AddRange(knots);
            _segmentStart[k] = segmentKnot.Count;
            // Segment s = [knots[s], knots[s + 1]) (the last also holds its end; one segment for a single knot):
            // its quantile knot and bin are those of its midpoint, in double (strictly inside the segment).
            float[] edges = encoding.Edges[k];
            for (int s = 0; s < Math.Max(knots.Count - 1, 1); s++)
            {
                double mid = knots.Count > 1 ? ((double)knots[s] + knots[s + 1]) / 2 : knots[0];
                int q = 0;
                while (q < m - 2 && _knotX[start + q + 1] <= mid) q++;
                double dx = (double)_knotX[start + q + 1] - _knotX[start + q];
                double value = dx > 0 ? _knotY[start + q] + ((double)_knotY[start + q + 1] - _knotY[start + q]) / dx * (mid - _knotX[start + q]) : _knotY[start + q];
                int t = 0;
                while (t < edges.Length - 2 && edges[t + 1] <= value) t++;
                segmentKnot.Add(start + q);
                segmentBin.Add(t);
            }
        }
        _breaks = breaks.ToArray();
        _segmentKnot = segmentKnot.ToArray();
        _segmentBin = segmentBin.ToArray();
        _search = new BucketedSearch[e];
        for (int k = 0; k < e; k++)
            _search[k] = new BucketedSearch(_breaks, _breakStart[k], Math.Max(_breakCount[k] - 1, 1));
    }

    /// <summary>
    /// The bin of embedded feature <paramref name="k"/> for the raw value <paramref name="raw"/>, and the
    /// preprocessed value (what the quantile step gives: NaN → fill, clamped, interpolated).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Bin(int k, float raw, out float value)
    {
        int start = _breakStart[k];
        float x = float.IsNaN(raw) ? _fill[_columns[k]] : raw;
        x = Math.Min(Math.Max(x, _breaks[start]), _breaks[start + _breakCount[k] - 1]);
        int segment = _segmentStart[k] + _search[k].LastAtMost(_breaks, x);
        int q = _segmentKnot[segment];
        value = _knotY[q] + _slopes[q] * (x - _knotX[q]);
        return _segmentBin[segment];
    }

    /// <summary>Per embedded feature k, its breakpoint search over <see cref="Breaks"/> (a run of them).</summary>
    internal BucketedSearch Search(int k) => _search[k];

    /// <summary>Every embedded feature's raw breakpoints, feature after feature (<see cref="Search"/> gives each feature's run).</summary>
    internal float[] Breaks => _breaks;

    /// <summary>The value a missing (NaN) raw value of embedded feature <paramref name="k"/> is given.</summary>
    internal float Fill(int k) => _fill[_columns[k]];

    /// <summary>The clamp range of embedded feature <paramref name="k"/>'s raw values: its first and last breakpoints.</summary>
    internal (float Low, float High) Range(int k) => (_breaks[_breakStart[k]], _breaks[_breakStart[k] + _breakCount[k] - 1]);

    /// <summary>
    /// Segment <paramref name="segment"/> of embedded feature <paramref name="k"/> (the index <see cref="Search"/>
    /// returns): its quantile knot (x, y and slope, for value = y + slope·(raw − x)) and its bin.
    /// </summary>
    internal (float KnotX, float KnotY, float Slope, int Bin) Segment(int k, int segment)
    {
        int index = _segmentStart[k] + segment, q = _segmentKnot[index];
        return (_knotX[q], _knotY[q], _slopes[q], _segmentBin[index]);
    }

    /// <summary>Segments of embedded feature <paramref name="k"/>.</summary>
    internal int SegmentCount(int k) => (k + 1 < _segmentStart.Length ? _segmentStart[k + 1] : _segmentKnot.Length) - _segmentStart[k];

    /// <summary>
    /// The raw breakpoints of one column: its distinct quantile knots and, for each inner bin edge strictly between
    /// the end knots' outputs, the raw value the quantile map takes to it (computed in double), in increasing order.
    /// </summary>
    private static List<float> Breakpoints(ReadOnlySpan<float> knotX, ReadOnlySpan<float> knotY, float[] edges)
    {
        var points = new SortedSet<float>();
        int last = 0;
        points.Add(knotX[0]);
        for (int i = 1; i < knotX.Length; i++)
            if (knotX[i] > knotX[last])
            {
                points.Add(knotX[i]);
                last = i;
            }
        for (int t = 1; t < edges.Length - 1; t++)
        {
            double edge = edges[t];
            for (int q = 0; q < last; q++)
                if (knotY[q] < edge && edge < knotY[q + 1] && knotX[q + 1] > knotX[q])
                {
                    double x = knotX[q] + (edge - knotY[q]) * ((double)knotX[q + 1] - knotX[q]) / ((double)knotY[q + 1] - knotY[q]);
                    float point = (float)x;
                    if (point > knotX[q] && point < knotX[q + 1])
                        points.Add(point);
                    break;
                }
        }
        return points.ToList();
    }
}
