using Microsoft.ML.Data;

namespace Streaming.Bench;

/// <summary>
/// The bench's synthetic rows, generated lazily (never all in memory): 50 standard-normal features, a label from
/// 10 of them plus one interaction and noise (about 90 % learnable).
/// </summary>
internal static class BenchRows
{
    internal const int Width = 50;

    internal sealed class Row
    {
        [VectorType(Width)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    internal static IEnumerable<Row> Generate(int rows, int seed)
    {
        var random = new Random(seed);
        for (int r = 0; r < rows; r++)
        {
            var x = new float[Width];
            for (int j = 0; j < Width; j++)
                x[j] = (float)Normal(random);
            double score = 0.5 * Normal(random);
            for (int j = 0; j < 10; j++)
                score += (j % 2 == 0 ? 0.6 : -0.4) * x[j];
            score += 0.8 * x[10] * x[11];
            yield return new Row { Features = x, Label = score > 0 };
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
