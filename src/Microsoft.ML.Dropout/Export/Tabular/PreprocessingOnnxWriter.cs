using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Export.Tabular;

/// <summary>
/// ONNX nodes of a <see cref="PreprocessingLayer"/>: Where(IsNaN(x), fill, x); then Sub/Mul and the smooth clip
/// selected per column with Where, or the quantile interpolation (a binary search by halving steps over the knot rows
/// padded with +∞ to a power of two, four nodes and one Gather a step, O(N·F) memory; then
/// y = KnotY[t] + slope[t]·(x − KnotX[t])).
/// </summary>
internal static class PreprocessingOnnxWriter
{
    /// <summary>ONNX TensorProto.DataType BOOL.</summary>
    private const int ElementBool = 9;

    internal static string Write(OnnxGraphBuilder g, PreprocessingLayer layer, string x)
    {
        layer.Validate();
        if (layer.Kind == FeaturePreprocessing.None)
            return x;
        string n = layer.Name;
        string isNan = g.AddNode("IsNaN", $"{n}.is_nan", new[] { x });
        x = g.AddNode("Where", $"{n}.filled", new[] { isNan, g.AddInitializer($"{n}.fill", layer.Fill, layer.FeatureCount), x });
        return layer.Kind == FeaturePreprocessing.Quantile ? Quantile(g, layer, x) : Affine(g, layer, x);
    }

    private static string Affine(OnnxGraphBuilder g, PreprocessingLayer layer, string x)
    {
        string n = layer.Name;
        int f = layer.FeatureCount;
        string centred = g.AddNode("Sub", $"{n}.centred", new[] { x, g.AddInitializer($"{n}.centre", layer.Centre, f) });
        string y = g.AddNode("Mul", $"{n}.scaled", new[] { centred, g.AddInitializer($"{n}.scale", layer.Scale, f) });
        if (!layer.Clip.Any(c => c))
            return y;
        // y/√(1 + y²/9) where Clip[j], else y.
        string square = g.AddNode("Mul", $"{n}.square", new[] { y, y });
        string ninth = g.AddNode("Div", $"{n}.square_ninth", new[] { square, g.AddScalar($"{n}.bound_square", (float)(PreprocessingLayer.ClipBound * PreprocessingLayer.ClipBound)) });
        string onePlus = g.AddNode("Add", $"{n}.one_plus", new[] { ninth, g.AddScalar($"{n}.one", 1f) });
        string root = g.AddNode("Sqrt", $"{n}.root", new[] { onePlus });
        string clipped = g.AddNode("Div", $"{n}.clipped", new[] { y, root });
        string maskFloat = g.AddInitializer($"{n}.clip_mask", layer.Clip.Select(c => c ? 1f : 0f).ToArray(), f);
        string mask = g.AddNode("Cast", $"{n}.clip_mask_bool", new[] { maskFloat }, null, OnnxAttribute.Int("to", ElementBool));
        return g.AddNode("Where", $"{n}.output", new[] { mask, clipped, y });
    }

    private static string Quantile(OnnxGraphBuilder g, PreprocessingLayer layer, string x)
    {
        string n = layer.Name;
        int m = layer.KnotCount, f = layer.FeatureCount;
        var first = new float[f];
        var last = new float[f];
        for (int j = 0; j < f; j++)
        {
            first[j] = layer.KnotX[j * m];
            last[j] = layer.KnotX[j * m + m - 1];
        }
        string low = g.AddNode("Max", $"{n}.above_first", new[] { x, g.AddInitializer($"{n}.first_knot", first, f) });
        string clamped = g.AddNode("Min", $"{n}.clamped", new[] { low, g.AddInitializer($"{n}.last_knot", last, f) });

        // The knot rows padded with +∞ to 2·s0 (s0 = the first halving step), so a candidate never passes its row and
        // the search needs no bound; positions are flat indices j·(2·s0) + t. The first step reads constants only.
        int step = 1;
        while (step * 2 <= m - 1) step *= 2;
        int row = 2 * step;
        float[] slopes = layer.Slopes();
        var paddedX = new float[(long)f * row];
        var paddedY = new float[(long)f * row];
        var paddedSlope = new float[(long)f * row];
        Array.Fill(paddedX, float.PositiveInfinity);
        var rowStart = new long[f];
        var firstCandidate = new long[f];
        var firstKnot = new float[f];
        var lastSegment = new long[f];
        for (int j = 0; j < f; j++)
        {
            Array.Copy(layer.KnotX, j * m, paddedX, (long)j * row, m);
            Array.Copy(layer.KnotY, j * m, paddedY, (long)j * row, m);
            Array.Copy(slopes, j * m, paddedSlope, (long)j * row, m);
            rowStart[j] = (long)j * row;
            firstCandidate[j] = rowStart[j] + step;
            firstKnot[j] = paddedX[firstCandidate[j]];
            lastSegment[j] = rowStart[j] + m - 2;
        }
        string knotX = g.AddInitializer($"{n}.knot_x", paddedX, (long)f * row);
        string knotY = g.AddInitializer($"{n}.knot_y", paddedY, (long)f * row);
        string slope = g.AddInitializer($"{n}.slope", paddedSlope, (long)f * row);

        string candidate = g.AddInt64Initializer($"{n}.candidate{step}", firstCandidate, f);
        string take = g.AddNode("LessOrEqual", $"{n}.take{step}", new[] { g.AddInitializer($"{n}.knot{step}", firstKnot, f), clamped });
        string position = g.AddNode("Where", $"{n}.position{step}", new[] { take, candidate, g.AddInt64Initializer($"{n}.row_start", rowStart, f) });
        for (step /= 2; step >= 1; step /= 2)
        {
            candidate = g.AddNode("Add", $"{n}.candidate{step}", new[] { position, g.AddInt64Initializer($"{n}.step{step}", new[] { (long)step }) });
            string knot = g.AddNode("Gather", $"{n}.knot{step}", new[] { knotX, candidate });
            take = g.AddNode("LessOrEqual", $"{n}.take{step}", new[] { knot, clamped });
            position = g.AddNode("Where", $"{n}.position{step}", new[] { take, candidate, position });
        }
        string index = g.AddNode("Min", $"{n}.segment_flat", new[] { position, g.AddInt64Initializer($"{n}.last_segment", lastSegment, f) });
        string x0 = g.AddNode("Gather", $"{n}.segment_x", new[] { knotX, index });
        string y0 = g.AddNode("Gather", $"{n}.segment_y", new[] { knotY, index });
        string s = g.AddNode("Gather", $"{n}.segment_slope", new[] { slope, index });
        string dx = g.AddNode("Sub", $"{n}.dx", new[] { clamped, x0 });
        string rise = g.AddNode("Mul", $"{n}.rise", new[] { s, dx });
        return g.AddNode("Add", $"{n}.output", new[] { y0, rise });
    }
}
