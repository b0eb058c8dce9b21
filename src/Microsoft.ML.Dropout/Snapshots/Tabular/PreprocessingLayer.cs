namespace Microsoft.ML.Dropout.Snapshots.Tabular;

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
    int KnotCount, float[] KnotX, float[] KnotY) : SnapshotLayer(Name), ITabularSnapshotLayer
{
    /// <summary>Smooth-clip constant: y/√(1 + y²/c²) with c = 3 (RealMLP's default maximum magnitude).</summary>
    public const double ClipBound = 3.0;

    int ITabularSnapshotLayer.InputWidth => FeatureCount;
    int ITabularSnapshotLayer.OutputWidth => FeatureCount;
    void ITabularSnapshotLayer.Validate() => Validate();

    internal void Validate()
    {
        int f = FeatureCount;
        SnapshotArrays.CheckLength(Name, nameof(Fill), Fill, Kind == FeaturePreprocessing.None ? 0 : f);
        bool affine = Kind is FeaturePreprocessing.Standardize or FeaturePreprocessing.RobustClip;
        SnapshotArrays.CheckLength(Name, nameof(Centre), Centre, affine ? f : 0);
        SnapshotArrays.CheckLength(Name, nameof(Scale), Scale, affine ? f : 0);
        SnapshotArrays.CheckLength(Name, nameof(Clip), Clip, affine ? f : 0);
        bool quantile = Kind == FeaturePreprocessing.Quantile;
        if (quantile && KnotCount < 2)
            throw new ArgumentException($"Layer '{Name}': a quantile transform needs at least 2 knots per column; KnotCount is {KnotCount}.");
        SnapshotArrays.CheckLength(Name, nameof(KnotX), KnotX, quantile ? (long)f * KnotCount : 0);
        SnapshotArrays.CheckLength(Name, nameof(KnotY), KnotY, quantile ? (long)f * KnotCount : 0);
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
}
