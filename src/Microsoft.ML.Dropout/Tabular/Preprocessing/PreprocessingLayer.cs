using Microsoft.ML.Dropout.Export;

namespace Microsoft.ML.Dropout.Tabular.Preprocessing;

/// <summary>
/// Fitted feature preprocessing as plain arrays (made by <see cref="FeaturePreprocessor.Fit"/>). For every column j:
/// a NaN becomes <see cref="Fill"/>[j] (the training median); then
/// <list type="bullet">
/// <item><see cref="FeaturePreprocessing.Standardize"/> / <see cref="FeaturePreprocessing.RobustClip"/>:
/// y = (x − <see cref="Centre"/>[j])·<see cref="Scale"/>[j], followed by y/√(1 + y²/9) where <see cref="Clip"/>[j];</item>
/// <item><see cref="FeaturePreprocessing.Quantile"/>: piecewise-linear interpolation through the knots
/// (<see cref="KnotX"/>[j, t], <see cref="KnotY"/>[j, t]), t &lt; <see cref="KnotCount"/>, constant beyond the end knots.
/// A column with fewer knots repeats its last knot.</item>
/// </list>
/// The arrays are row-major; knot arrays are [FeatureCount, KnotCount] and empty unless the kind is Quantile.
/// </summary>
/// <param name="Name">Layer name, e.g. "preprocessing".</param>
/// <param name="Kind">The fitted kind; <see cref="FeaturePreprocessing.None"/> is the identity.</param>
/// <param name="FeatureCount">Input and output width.</param>
/// <param name="Fill">[FeatureCount] replacement of a missing value (the training median; 0 if a column had no value).</param>
/// <param name="Centre">[FeatureCount] subtracted first (affine kinds).</param>
/// <param name="Scale">[FeatureCount] multiplies after centring (affine kinds; 0 for constant columns).</param>
/// <param name="Clip">[FeatureCount] whether the smooth clip applies (RobustClip, columns with three or more values).</param>
/// <param name="KnotCount">Knots per column (Quantile; 0 otherwise).</param>
/// <param name="KnotX">[FeatureCount, KnotCount] strictly increasing input knots, then repeats of the last.</param>
/// <param name="KnotY">[FeatureCount, KnotCount] output values at the knots.</param>
public sealed record PreprocessingLayer(
    string Name, FeaturePreprocessing Kind, int FeatureCount,
    float[] Fill, float[] Centre, float[] Scale, bool[] Clip,
    int KnotCount, float[] KnotX, float[] KnotY) : SnapshotLayer(Name), ITabularLayer
{
    /// <summary>Smooth-clip constant: y/√(1 + y²/c²) with c = 3 (RealMLP's default maximum magnitude).</summary>
    public const double ClipBound = 3.0;

    int ITabularLayer.InputWidth => FeatureCount;
    int ITabularLayer.OutputWidth => FeatureCount;

    internal void Validate()
    {
        int f = FeatureCount;
        LayerArrays.CheckLength(Name, nameof(Fill), Fill, Kind == FeaturePreprocessing.None ? 0 : f);
        bool affine = Kind is FeaturePreprocessing.Standardize or FeaturePreprocessing.RobustClip;
        LayerArrays.CheckLength(Name, nameof(Centre), Centre, affine ? f : 0);
        LayerArrays.CheckLength(Name, nameof(Scale), Scale, affine ? f : 0);
        LayerArrays.CheckLength(Name, nameof(Clip), Clip, affine ? f : 0);
        bool quantile = Kind == FeaturePreprocessing.Quantile;
        if (quantile && KnotCount < 2)
            throw new ArgumentException($"Layer '{Name}': a quantile transform needs at least 2 knots per column; KnotCount is {KnotCount}.");
        LayerArrays.CheckLength(Name, nameof(KnotX), KnotX, quantile ? (long)f * KnotCount : 0);
        LayerArrays.CheckLength(Name, nameof(KnotY), KnotY, quantile ? (long)f * KnotCount : 0);
    }

    /// <summary>[FeatureCount, KnotCount] slope of the segment starting at each knot (0 for the last and padding).</summary>
    internal float[] Slopes()
    {
        int m = KnotCount;
        var slopes = new float[KnotX.Length];
        for (int j = 0; j < FeatureCount; j++)
            for (int t = 0; t + 1 < m; t++)
            {
                int i = j * m + t;
                double dx = (double)KnotX[i + 1] - KnotX[i];
                slopes[i] = dx > 0 ? (float)((KnotY[i + 1] - (double)KnotY[i]) / dx) : 0f;
            }
        return slopes;
    }

    /// <summary>The smooth clip y/√(1 + y²/9).</summary>
    internal static double SmoothClip(double y) => y / Math.Sqrt(1 + y * y / (ClipBound * ClipBound));

    float[] ITabularLayer.Forward(float[] rows, int rowCount)
    {
        Validate();
        var output = (float[])rows.Clone();
        if (Kind == FeaturePreprocessing.None)
            return output;
        float[] slopes = Kind == FeaturePreprocessing.Quantile ? Slopes() : Array.Empty<float>();
        for (int r = 0; r < rowCount; r++)
            for (int j = 0; j < FeatureCount; j++)
            {
                long i = (long)r * FeatureCount + j;
                float x = float.IsNaN(output[i]) ? Fill[j] : output[i];
                output[i] = Kind == FeaturePreprocessing.Quantile ? Interpolate(j, x, slopes) : Affine(j, x);
            }
        return output;
    }

    private float Affine(int j, float x)
    {
        float y = (x - Centre[j]) * Scale[j];
        return Clip[j] ? (float)SmoothClip(y) : y;
    }

    /// <summary>Clamp to the end knots, find the largest knot t ≤ x (at most the last segment), interpolate.</summary>
    private float Interpolate(int j, float x, float[] slopes)
    {
        int m = KnotCount, start = j * m;
        x = Math.Min(Math.Max(x, KnotX[start]), KnotX[start + m - 1]);
        int lo = 0, hi = m - 1;                       // invariant: KnotX[lo] ≤ x
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (KnotX[start + mid] <= x) lo = mid; else hi = mid - 1;
        }
        int t = start + Math.Min(lo, m - 2);
        return KnotY[t] + slopes[t] * (x - KnotX[t]);
    }

    string ITabularLayer.EmitOnnx(OnnxGraphBuilder g, string x)
    {
        Validate();
        if (Kind == FeaturePreprocessing.None)
            return x;
        string n = Name;
        string isNan = g.AddNode("IsNaN", $"{n}.is_nan", new[] { x });
        x = g.AddNode("Where", $"{n}.filled", new[] { isNan, g.AddInitializer($"{n}.fill", Fill, FeatureCount), x });
        return Kind == FeaturePreprocessing.Quantile ? EmitQuantile(g, x) : EmitAffine(g, x);
    }

    private string EmitAffine(OnnxGraphBuilder g, string x)
    {
        string n = Name;
        string centred = g.AddNode("Sub", $"{n}.centred", new[] { x, g.AddInitializer($"{n}.centre", Centre, FeatureCount) });
        string y = g.AddNode("Mul", $"{n}.scaled", new[] { centred, g.AddInitializer($"{n}.scale", Scale, FeatureCount) });
        if (!Clip.Any(c => c))
            return y;
        // y/√(1 + y²/9) where Clip[j], else y.
        string square = g.AddNode("Mul", $"{n}.square", new[] { y, y });
        string ninth = g.AddNode("Div", $"{n}.square_ninth", new[] { square, g.AddScalar($"{n}.bound_square", (float)(ClipBound * ClipBound)) });
        string onePlus = g.AddNode("Add", $"{n}.one_plus", new[] { ninth, g.AddScalar($"{n}.one", 1f) });
        string root = g.AddNode("Sqrt", $"{n}.root", new[] { onePlus });
        string clipped = g.AddNode("Div", $"{n}.clipped", new[] { y, root });
        string maskFloat = g.AddInitializer($"{n}.clip_mask", Clip.Select(c => c ? 1f : 0f).ToArray(), FeatureCount);
        string mask = g.AddNode("Cast", $"{n}.clip_mask_bool", new[] { maskFloat }, null, OnnxAttribute.Int("to", OnnxElementBool));
        return g.AddNode("Where", $"{n}.output", new[] { mask, clipped, y });
    }

    /// <summary>
    /// Binary search over the knots by halving steps (Gather per step, O(N·F) memory), then
    /// y = KnotY[t] + slope[t]·(x − KnotX[t]).
    /// </summary>
    private string EmitQuantile(OnnxGraphBuilder g, string x)
    {
        string n = Name;
        int m = KnotCount, f = FeatureCount;
        var first = new float[f];
        var last = new float[f];
        for (int j = 0; j < f; j++)
        {
            first[j] = KnotX[j * m];
            last[j] = KnotX[j * m + m - 1];
        }
        string low = g.AddNode("Max", $"{n}.above_first", new[] { x, g.AddInitializer($"{n}.first_knot", first, f) });
        string clamped = g.AddNode("Min", $"{n}.clamped", new[] { low, g.AddInitializer($"{n}.last_knot", last, f) });

        string knotX = g.AddInitializer($"{n}.knot_x", KnotX, (long)f * m);
        string knotY = g.AddInitializer($"{n}.knot_y", KnotY, (long)f * m);
        string slope = g.AddInitializer($"{n}.slope", Slopes(), (long)f * m);
        string offsets = g.AddInt64Initializer($"{n}.row_offset", Enumerable.Range(0, f).Select(j => (long)j * m).ToArray(), f);
        string lastIndex = g.AddInt64Initializer($"{n}.last_index", new[] { (long)m - 1 });

        // position = 0 broadcast to [N, F]: Mul(Cast(clamped → int64), 0).
        string asInt = g.AddNode("Cast", $"{n}.as_int", new[] { clamped }, null, OnnxAttribute.Int("to", OnnxGraphBuilder.ElementInt64));
        string position = g.AddNode("Mul", $"{n}.position0", new[] { asInt, g.AddInt64Initializer($"{n}.zero", new[] { 0L }) });
        int step = 1;
        while (step * 2 <= m - 1) step *= 2;
        for (; step >= 1; step /= 2)
        {
            string candidate = g.AddNode("Add", $"{n}.candidate{step}", new[] { position, g.AddInt64Initializer($"{n}.step{step}", new[] { (long)step }) });
            string bounded = g.AddNode("Min", $"{n}.bounded{step}", new[] { candidate, lastIndex });
            string flat = g.AddNode("Add", $"{n}.flat{step}", new[] { bounded, offsets });
            string knot = g.AddNode("Gather", $"{n}.knot{step}", new[] { knotX, flat });
            string take = g.AddNode("LessOrEqual", $"{n}.take{step}", new[] { knot, clamped });
            position = g.AddNode("Where", $"{n}.position{step}", new[] { take, bounded, position });
        }
        string segment = g.AddNode("Min", $"{n}.segment", new[] { position, g.AddInt64Initializer($"{n}.last_segment", new[] { (long)m - 2 }) });
        string index = g.AddNode("Add", $"{n}.segment_flat", new[] { segment, offsets });
        string x0 = g.AddNode("Gather", $"{n}.segment_x", new[] { knotX, index });
        string y0 = g.AddNode("Gather", $"{n}.segment_y", new[] { knotY, index });
        string s = g.AddNode("Gather", $"{n}.segment_slope", new[] { slope, index });
        string dx = g.AddNode("Sub", $"{n}.dx", new[] { clamped, x0 });
        string rise = g.AddNode("Mul", $"{n}.rise", new[] { s, dx });
        return g.AddNode("Add", $"{n}.output", new[] { y0, rise });
    }

    /// <summary>ONNX TensorProto.DataType BOOL.</summary>
    private const int OnnxElementBool = 9;
}
