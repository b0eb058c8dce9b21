using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Tests.Streaming;

/// <summary>Synthetic rows for the streaming tests: 10 features in [−1, 1], a noisy linear rule for the label.</summary>
internal static class StreamingRows
{
    public sealed class Row
    {
        [VectorType(Width)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    public const int Width = 10;

    /// <summary><paramref name="n"/> seeded rows; sorted by label (all false, then all true) when <paramref name="sortedByLabel"/>.</summary>
    public static List<Row> Binary(int n, int seed, bool sortedByLabel = false)
    {
        var random = new Random(seed);
        var rows = new List<Row>(n);
        for (int i = 0; i < n; i++)
        {
            var x = Enumerable.Range(0, Width).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            double score = x[0] + 0.6 * x[1] - 0.4 * x[2] + 0.5 * x[3] * x[4] + 0.15 * (random.NextDouble() * 2 - 1);
            rows.Add(new Row { Features = x, Label = score > 0 });
        }
        return sortedByLabel ? rows.OrderBy(r => r.Label).ToList() : rows;
    }
}
