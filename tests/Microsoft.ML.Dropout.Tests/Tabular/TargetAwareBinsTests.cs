using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Tests.Tabular;

/// <summary>
/// <see cref="TargetAwareBins"/>: the edges are the split thresholds of a per-feature tree on the label (plus the
/// feature's minimum and maximum), so a step in the label puts an edge at the step — for classes (Gini) and for
/// regression (variance), with example weights, NaN rows ignored and the minimum leaf size respected.
/// </summary>
public class TargetAwareBinsTests
{
    /// <summary>One column of <paramref name="rows"/> values spread evenly over [0, 10) in a shuffled order.</summary>
    private static float[] Column(int rows, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, rows).Select(i => i * 10f / rows).OrderBy(_ => rng.Next()).ToArray();
    }

    private static float[] Compute(float[] x, float[] labels, TaskKind task, float[]? weights = null, int bins = 48, int minLeafRows = 64) =>
        Assert.Single(TargetAwareBins.Compute(x, x.Length, 1, new[] { 0 }, new BinningTargets(labels, weights, task), bins, minLeafRows));

    /// <summary>Asserts <paramref name="edge"/> separates the largest value ≤ the step from the smallest above it.</summary>
    private static void AssertAtStep(float[] x, float step, float edge)
    {
        float below = x.Where(v => v <= step).Max(), above = x.Where(v => v > step).Min();
        Assert.True(edge >= below && edge < above, $"edge {edge} is not between {below} and {above}");
    }

    [Fact]
    public void Compute_BinaryStepTarget_OneEdgeAtTheStep()
    {
        float[] x = Column(1000, seed: 1);
        float[] edges = Compute(x, x.Select(v => v > 3.7f ? 1f : 0f).ToArray(), TaskKind.BinaryClassification);

        // Both sides are pure after the first split, so nothing else is split.
        Assert.Equal(3, edges.Length);
        Assert.Equal(x.Min(), edges[0]);
        Assert.Equal(x.Max(), edges[2]);
        AssertAtStep(x, 3.7f, edges[1]);
    }

    [Fact]
    public void Compute_MulticlassIntervals_OneEdgePerClassBoundary()
    {
        float[] x = Column(900, seed: 2);
        float[] edges = Compute(x, x.Select(v => v < 2.5f ? 0f : v < 8.1f ? 2f : 1f).ToArray(), TaskKind.MulticlassClassification);

        Assert.Equal(4, edges.Length);
        AssertAtStep(x, 2.49f, edges[1]);
        AssertAtStep(x, 8.09f, edges[2]);
    }

    [Fact]
    public void Compute_RegressionSteps_EdgesAtTheSteps()
    {
        float[] x = Column(1000, seed: 3);
        float[] edges = Compute(x, x.Select(v => v <= 1.9f ? 1000f : v <= 6.2f ? 1500f : 900f).ToArray(), TaskKind.Regression);

        Assert.Equal(4, edges.Length);
        AssertAtStep(x, 1.9f, edges[1]);
        AssertAtStep(x, 6.2f, edges[2]);
    }

    [Fact]
    public void Compute_SmoothRegressionTarget_AtMostBinCountBinsOfAtLeastMinLeafRows()
    {
        float[] x = Column(2000, seed: 4);
        float[] labels = x.Select(v => MathF.Sin(v)).ToArray();
        float[] edges = Compute(x, labels, TaskKind.Regression, bins: 16, minLeafRows: 50);

        Assert.Equal(17, edges.Length); // a smooth target keeps every split worth making: 16 leaves
        for (int i = 1; i < edges.Length; i++)
        {
            Assert.True(edges[i] > edges[i - 1]);
            int inBin = x.Count(v => v >= edges[i - 1] && (v < edges[i] || i == edges.Length - 1));
            Assert.True(inBin >= 50, $"bin {i} holds {inBin} rows");
        }
    }

    [Fact]
    public void Compute_StepWithFewerRowsThanMinLeafOnOneSide_SplitKeepsMinLeafRows()
    {
        float[] x = Column(500, seed: 5);
        float[] labels = x.Select(v => v >= 9.5f ? 1f : 0f).ToArray(); // 25 rows on the right of the step

        float[] atMinLeaf = Compute(x, labels, TaskKind.BinaryClassification, minLeafRows: 64);
        Assert.Equal(3, atMinLeaf.Length); // the closest split to the step that leaves 64 rows on the right; then no leaf can split
        Assert.Equal(64, x.Count(v => v > atMinLeaf[1]));
        float[] smallLeaves = Compute(x, labels, TaskKind.BinaryClassification, minLeafRows: 20);
        Assert.Equal(3, smallLeaves.Length);
        AssertAtStep(x, 9.49f, smallLeaves[1]);
        Assert.Equal(new[] { x.Min(), x.Max() }, Compute(x, labels, TaskKind.BinaryClassification, minLeafRows: 251)); // no split leaves 251 rows on each side
    }

    [Fact]
    public void Compute_ZeroWeightRowsWithOtherLabels_AreIgnored()
    {
        float[] x = Column(1000, seed: 6);
        // Above the step at 3.7, the rows in [6, 7) carry the wrong label: with weight 1 they need more splits,
        // with weight 0 the right side is pure and the only edge is the step.
        float[] labels = x.Select(v => v > 3.7f && !(v >= 6 && v < 7) ? 1f : 0f).ToArray();
        float[] weights = x.Select(v => v >= 6 && v < 7 ? 0f : 1f).ToArray();

        float[] weighted = Compute(x, labels, TaskKind.BinaryClassification, weights);
        Assert.Equal(3, weighted.Length);
        AssertAtStep(x, 3.7f, weighted[1]);
        Assert.True(Compute(x, labels, TaskKind.BinaryClassification).Length > 3);
    }

    [Fact]
    public void Compute_NaNRows_AreIgnored()
    {
        float[] x = Column(1000, seed: 7);
        float[] labels = x.Select(v => v > 3.7f ? 1f : 0f).ToArray();
        float[] withNaN = (float[])x.Clone();
        for (int r = 0; r < withNaN.Length; r += 9)
            withNaN[r] = float.NaN;
        var kept = Enumerable.Range(0, x.Length).Where(r => r % 9 != 0).ToArray();

        float[] edges = Compute(withNaN, labels, TaskKind.BinaryClassification);
        Assert.Equal(Compute(kept.Select(r => x[r]).ToArray(), kept.Select(r => labels[r]).ToArray(), TaskKind.BinaryClassification), edges);
        Assert.All(edges, e => Assert.True(float.IsFinite(e)));
    }

    [Fact]
    public void Compute_TwoDistinctValues_MinAndMaxAroundTheSplit()
    {
        float[] x = Enumerable.Range(0, 400).Select(i => i % 2 == 0 ? 1f : 3f).ToArray();
        float[] edges = Compute(x, x.Select(v => v > 2 ? 1f : 0f).ToArray(), TaskKind.BinaryClassification);
        Assert.Equal(new[] { 1f, 2f, 3f }, edges);
    }

    [Theory]
    [InlineData(TaskKind.BinaryClassification)]
    [InlineData(TaskKind.Regression)]
    public void Compute_ConstantLabel_MinAndMaxOnly(TaskKind task)
    {
        float[] x = Column(600, seed: 8);
        Assert.Equal(new[] { x.Min(), x.Max() }, Compute(x, Enumerable.Repeat(1f, 600).ToArray(), task));
    }

    [Fact]
    public void Compute_ConstantColumn_ThrowsNamingTheColumn()
    {
        float[] rows = Enumerable.Range(0, 200).SelectMany(i => new[] { i * 0.1f, 2.5f }).ToArray();
        var targets = new BinningTargets(Enumerable.Range(0, 200).Select(i => (float)(i % 2)).ToArray(), null, TaskKind.BinaryClassification);

        var error = Assert.Throws<ArgumentException>(() => TargetAwareBins.Compute(rows, 200, 2, new[] { 0, 1 }, targets));
        Assert.Equal("Feature column 1 has fewer than two distinct training values, so it has no bins; embed only columns with three or more values. (Parameter 'columns')", error.Message);
    }

    [Fact]
    public void Compute_FractionalClassLabel_ThrowsNamingRowAndFix()
    {
        float[] x = Column(10, seed: 9);
        var labels = new float[10];
        labels[4] = 0.5f;
        var error = Assert.Throws<ArgumentException>(() => Compute(x, labels, TaskKind.BinaryClassification));
        Assert.Equal("Row 4 has the label 0.5; target-aware bins for BinaryClassification need class indices 0, 1, …: map the labels to class indices or use PiecewiseLinearBinning = Quantile. (Parameter 'targets')", error.Message);
    }

    [Fact]
    public void Compute_SpikyFeature_KeepsTheStepQuantileEdgesMiss()
    {
        // 80% of the rows at 0 (as capital-gain), the label turns at 7 among the rest: the quantile edges put the
        // whole spike in one edge and spread the rest evenly, the tree puts an edge at the step.
        var rng = new Random(10);
        float[] x = Enumerable.Range(0, 2000).Select(i => i % 5 == 0 ? (float)(rng.NextDouble() * 10) : 0f).ToArray();
        float[] labels = x.Select(v => v > 7 ? 1f : 0f).ToArray();

        float[] edges = Compute(x, labels, TaskKind.BinaryClassification);
        Assert.Equal(3, edges.Length);
        AssertAtStep(x, 7f, edges[1]);
        float[] quantile = Assert.Single(PiecewiseLinearBins.Compute(x, x.Length, 1, new[] { 0 }, 48));
        Assert.DoesNotContain(quantile, e => e > x.Where(v => v <= 7).Max() && e < x.Where(v => v > 7).Min());
    }
}
