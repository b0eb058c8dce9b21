using System.Numerics;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Tests.Export;

namespace Microsoft.ML.Dropout.Tests.Inference;

/// <summary>
/// The packed single-row dense kernel equals W·x + b computed in double, for the SIMD panels and the scalar fallback,
/// at widths that are and are not multiples of the vector width and of a panel; stores nothing past its outputs;
/// and lets a non-finite input reach every output.
/// </summary>
public class PackedDenseWeightsTests
{
    /// <summary>(inputs, outputs): narrow layers, widths around one vector and one panel, and the default net's layers.</summary>
    public static TheoryData<int, int> Widths()
    {
        int v = Vector<float>.Count, panel = PackedDenseWeights.PanelVectors * v;
        var data = new TheoryData<int, int>();
        foreach (var (inputs, outputs) in new[]
        {
            (1, 1), (7, 3), (128, 1), (5, v - 1), (5, v), (13, v + 1), (9, 2 * v + 3), (50, panel - 1), (3, panel),
            (11, panel + 1), (7, 2 * panel + v + 5), (50, 256), (256, 128), (37, 71),
        })
            data.Add(inputs, outputs);
        return data;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Forward_AnyWidth_EqualsDoublePrecisionProduct(int inputs, int outputs)
    {
        var rng = new Random(inputs * 1000 + outputs);
        var dense = TestSnapshots.Dense("layer", inputs, outputs, rng);
        var rows = TestSnapshots.Rows(3, inputs, seed: outputs);
        foreach (bool vectorized in new[] { true, false })
        {
            var packed = new PackedDenseWeights(dense.Weight, dense.Bias, inputs, outputs, vectorized);
            for (int r = 0; r < 3; r++)
            {
                var x = rows.AsSpan(r * inputs, inputs);
                // Sentinels after the outputs: a partial vector must not be stored past the span.
                var y = Enumerable.Repeat(-12345f, outputs + Vector<float>.Count).ToArray();
                packed.Forward(x, y.AsSpan(0, outputs));
                for (int o = 0; o < outputs; o++)
                {
                    double sum = dense.Bias[o], magnitude = Math.Abs(dense.Bias[o]);
                    for (int i = 0; i < inputs; i++)
                    {
                        sum += (double)dense.Weight[o * inputs + i] * x[i];
                        magnitude += Math.Abs((double)dense.Weight[o * inputs + i] * x[i]);
                    }
                    Assert.True(Math.Abs(y[o] - sum) <= 1e-6 * Math.Max(1, magnitude),
                        $"vectorized={vectorized}, row {r}, output {o} of {outputs}: {y[o]} vs {sum}");
                }
                Assert.All(y.Skip(outputs), s => Assert.Equal(-12345f, s));
            }
        }
    }

    /// <summary>Several rows at once (four per weight load when every output is in a full panel) give exactly the single-row values, for row counts with and without a remainder of four.</summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void ForwardRows_AnyWidthAndRowCount_EqualsForwardRowByRow(int inputs, int outputs)
    {
        var dense = TestSnapshots.Dense("layer", inputs, outputs, new Random(inputs + 7 * outputs));
        foreach (bool vectorized in new[] { true, false })
        {
            var packed = new PackedDenseWeights(dense.Weight, dense.Bias, inputs, outputs, vectorized);
            foreach (int rowCount in new[] { 0, 1, 4, 9, 16 })
            {
                var x = TestSnapshots.Rows(rowCount, inputs, seed: rowCount + 1);
                var expected = new float[rowCount * outputs];
                for (int r = 0; r < rowCount; r++)
                    packed.Forward(x.AsSpan(r * inputs, inputs), expected.AsSpan(r * outputs, outputs));
                var y = Enumerable.Repeat(-12345f, rowCount * outputs + Vector<float>.Count).ToArray();

                packed.ForwardRows(x, rowCount, y.AsSpan(0, rowCount * outputs));

                for (int i = 0; i < expected.Length; i++)
                    Assert.True(expected[i] == y[i], $"vectorized={vectorized}, {rowCount} rows, row {i / outputs}, output {i % outputs} of {outputs}: {y[i]} vs single-row {expected[i]}");
                Assert.All(y.Skip(rowCount * outputs), s => Assert.Equal(-12345f, s));
            }
        }
    }

    [Theory]
    [InlineData(50, 256, float.NaN)]
    [InlineData(13, 71, float.PositiveInfinity)]
    [InlineData(128, 1, float.NaN)]
    public void Forward_NonFiniteInput_ReachesEveryOutput(int inputs, int outputs, float bad)
    {
        var dense = TestSnapshots.Dense("layer", inputs, outputs, new Random(3));
        var x = TestSnapshots.Rows(1, inputs);
        x[inputs / 2] = bad;
        foreach (bool vectorized in new[] { true, false })
        {
            var y = new float[outputs];
            new PackedDenseWeights(dense.Weight, dense.Bias, inputs, outputs, vectorized).Forward(x, y);
            Assert.All(y, value => Assert.False(float.IsFinite(value), $"vectorized={vectorized}: a finite output {value} from a row with {bad}"));
        }
    }

    [Fact]
    public void Forward_WrongSpanLengths_NameTheLayerShape()
    {
        var dense = TestSnapshots.Dense("layer", 4, 3, new Random(1));
        var packed = new PackedDenseWeights(dense.Weight, dense.Bias, 4, 3, vectorized: true);
        var error = Assert.Throws<ArgumentException>(() => packed.Forward(new float[5], new float[3]));
        Assert.Contains("4 inputs and 3 outputs was given spans of 5 and 3 values", error.Message);
    }
}
