using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Inference.Tabular;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using Microsoft.ML.Dropout.Tests.Export;

namespace Microsoft.ML.Dropout.Tests.Inference;

/// <summary>
/// The single-row evaluator folds a piecewise-linear embedding without ReLU into the dense layer after it
/// (<see cref="PiecewiseLinearFoldedDense"/>) and gives the unfolded block evaluator's values — and ONNX Runtime's —
/// to float rounding: values below the first edge, above the last, on the edges and inside the bins, features with
/// fewer bins than the widest (masked slots with nonzero weights), a single-bin feature, passthrough columns, NaN
/// filled by the preprocessing; a row allocates nothing. With ReLU after the embedding or a FrontScale between it and the dense layer the
/// fold must not apply.
/// </summary>
public class PiecewiseLinearFoldedDenseTests
{
    internal const int Features = 6;
    private const int Dimension = 4;
    private const int Hidden = 19;   // two 8-lane vectors and a tail of 3 (one 16-lane vector and a tail of 3)

    /// <summary>Embedded columns 0, 2, 3, 5 with 3, 6 (the widest), 1 and 2 bins; columns 1 and 4 pass through.</summary>
    private static readonly int[] Embedded = { 0, 2, 3, 5 };

    private static readonly float[][] Edges =
    {
        new[] { -1f, 0f, 0.5f, 2f },
        new[] { -2f, -1f, -0.25f, 0f, 0.3f, 1f, 3f },
        new[] { -0.5f, 0.5f },
        new[] { 0f, 1f, 4f },
    };

    /// <summary>Every column embedded (no passthrough columns): <see cref="Edges"/> for 0, 2, 3, 5, and 4 and 2 bins for columns 1 and 4.</summary>
    private static readonly int[] AllEmbedded = { 0, 2, 3, 5, 1, 4 };

    private static readonly float[][] AllEdges = Edges.Append(new[] { -3f, -1f, 0f, 1f, 3f }).Append(new[] { -1f, 0.2f, 1f }).ToArray();

    [Fact]
    public void Forward_ValuesInsideOnAndOutsideTheEdges_EqualTheUnfoldedLayers()
    {
        var snapshot = Network(relu: false, frontScale: false, preprocessing: null);
        var rows = EdgeRows(out int rowCount);

        var evaluator = new SnapshotRowEvaluator(snapshot);

        Assert.True(evaluator.FoldsEmbedding);
        AssertRowsAgree(snapshot, evaluator, rows, rowCount, 2e-6);
    }

    [Fact]
    public void Forward_ScalarAndVectorLoops_EqualTheUnfoldedEmbeddingAndDense()
    {
        var snapshot = Network(relu: false, frontScale: false, preprocessing: null);
        var embedding = (PiecewiseLinearEmbeddingLayer)snapshot.Layers[0];
        var dense = (DenseLayer)snapshot.Layers[2];
        var front = snapshot with { Task = TaskKind.MulticlassClassification, OutputSize = Hidden, Layers = new SnapshotLayer[] { embedding, dense } };
        var rows = EdgeRows(out int rowCount);
        float[] expected = SnapshotEvaluator.Forward(front, rows, rowCount);

        foreach (bool vectorized in new[] { false, true })
        {
            var folded = new PiecewiseLinearFoldedDense(embedding, dense, vectorized);
            var y = new float[Hidden];
            var scratch = new float[folded.ScratchSize];
            for (int r = 0; r < rowCount; r++)
            {
                folded.Forward(rows.AsSpan(r * Features, Features), y, scratch);
                for (int o = 0; o < Hidden; o++)
                {
                    float want = expected[r * Hidden + o];
                    Assert.True(Math.Abs(want - y[o]) <= 2e-6 * Math.Max(1, Math.Abs(want)), $"vectorized {vectorized}, row {r}, output {o}: {y[o]} vs unfolded {want}");
                }
            }
        }
    }

    [Fact]
    public void Forward_FoldedNetworkWithQuantilePreprocessingAndNaN_MatchesOnnxRuntime()
    {
        var training = TestSnapshots.Rows(200, Features, seed: 3);
        var preprocessing = FeaturePreprocessor.Fit(training, 200, Features, FeaturePreprocessing.Quantile);
        var snapshot = Network(relu: false, frontScale: false, preprocessing);
        var rows = EdgeRows(out int rowCount);
        rows[1 * Features + 0] = float.NaN;   // an embedded column
        rows[2 * Features + 4] = float.NaN;   // a passthrough column
        rows[3 * Features + 3] = float.NaN;   // the single-bin column
        var expected = OrtRunner.Run(OnnxExporter.Export(snapshot), rows, rowCount, Features)[OnnxExportOptions.Defaults.RawOutputName].Values;

        var evaluator = new SnapshotRowEvaluator(snapshot);
        var output = new float[rowCount];
        for (int r = 0; r < rowCount; r++)
            evaluator.Forward(rows.AsSpan(r * Features, Features), output.AsSpan(r, 1));

        Assert.True(evaluator.FoldsEmbedding);
        for (int r = 0; r < rowCount; r++)
        {
            Assert.True(float.IsFinite(output[r]), $"row {r}: {output[r]} (NaN is filled by the preprocessing)");
            Assert.True(Math.Abs(expected[r] - output[r]) <= 1e-5 * Math.Max(1, Math.Abs(expected[r])), $"row {r}: {output[r]} vs ONNX Runtime {expected[r]}");
        }
        AssertRowsAgree(snapshot, evaluator, rows, rowCount, 2e-6);

        // Preprocessing and the folded layers reuse the evaluator's buffers: a row allocates nothing.
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < rowCount; r++)
            evaluator.Forward(rows.AsSpan(r * Features, Features), output.AsSpan(r, 1));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>The block call (the folded layers feature by feature over all rows) gives each row what the single-row call gives, also when a later call is larger or empty.</summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void ForwardRows_AnyBlockSize_EqualsForwardRowByRow(bool relu, bool withPreprocessing)
    {
        var preprocessing = withPreprocessing ? FeaturePreprocessor.Fit(TestSnapshots.Rows(200, Features, seed: 3), 200, Features, FeaturePreprocessing.Quantile) : null;
        var snapshot = Network(relu, frontScale: false, preprocessing);
        var rows = EdgeRows(out int rowCount);

        var block = AssertBlocksEqualRowByRow(snapshot, rows, new[] { 3, rowCount, 0, 1 }, 1e-6);

        Assert.Equal(!relu, block.FoldsEmbedding);
    }

    /// <summary>
    /// With layers wide enough for the block kernels — the folded layer's outputs one full register slice plus a
    /// vector and a tail, a second dense layer of two full panels (four rows per weight load), LayerNorm and GELU
    /// over groups of rows — a block call gives exactly the single-row values, for row counts with remainders of
    /// four and of a group, and the unfolded layers' values to float rounding.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ForwardRows_WideLayers_EqualForwardRowByRowAndTheUnfoldedLayers(bool withPreprocessing)
    {
        int v = System.Numerics.Vector<float>.Count, panel = PackedDenseWeights.PanelVectors * v;
        var preprocessing = withPreprocessing ? FeaturePreprocessor.Fit(TestSnapshots.Rows(200, Features, seed: 3), 200, Features, FeaturePreprocessing.Quantile) : null;
        var snapshot = Network(relu: false, frontScale: false, preprocessing, hidden: panel + v + 3, second: 2 * panel);
        var rows = EdgeRows(out int rowCount);

        var block = AssertBlocksEqualRowByRow(snapshot, rows, new[] { rowCount, 37, 5 }, 0);

        Assert.True(block.FoldsEmbedding);
        AssertRowsAgree(snapshot, new SnapshotRowEvaluator(snapshot), rows, rowCount, 2e-6);
    }

    /// <summary>
    /// Block calls of each of <paramref name="counts"/> rows (from the first row, one evaluator reused) give each row
    /// what the single-row call gives, within <paramref name="tolerance"/> relative (0: exactly); returns the block evaluator.
    /// </summary>
    private static SnapshotRowEvaluator AssertBlocksEqualRowByRow(MlpSnapshot snapshot, float[] rows, int[] counts, double tolerance)
    {
        int rowCount = rows.Length / Features;
        var single = new SnapshotRowEvaluator(snapshot);
        var block = single.WithOwnBuffers();
        var expected = new float[rowCount];
        for (int r = 0; r < rowCount; r++)
            single.Forward(rows.AsSpan(r * Features, Features), expected.AsSpan(r, 1));
        foreach (int count in counts)
        {
            var output = new float[count];
            block.ForwardRows(rows.AsSpan(0, count * Features), count, output);
            for (int r = 0; r < count; r++)
                Assert.True(Math.Abs(expected[r] - output[r]) <= tolerance * Math.Max(1, Math.Abs(expected[r])), $"block of {count}, row {r}: {output[r]} vs single-row {expected[r]}");
        }
        return block;
    }

    [Fact]
    public void Forward_NaNWithoutPreprocessing_IsNaNAsUnfolded()
    {
        var snapshot = Network(relu: false, frontScale: false, preprocessing: null);
        var row = EdgeRows(out _).AsSpan(0, Features).ToArray();
        row[2] = float.NaN;
        var output = new float[1];

        new SnapshotRowEvaluator(snapshot).Forward(row, output);

        Assert.True(float.IsNaN(SnapshotEvaluator.Forward(snapshot, row, 1)[0]));
        Assert.True(float.IsNaN(output[0]), $"{output[0]}");
    }

    [Fact]
    public void Forward_ReluEmbedding_IsNotFoldedAndEqualsTheBlockEvaluator()
    {
        var snapshot = Network(relu: true, frontScale: false, preprocessing: null);
        var rows = EdgeRows(out int rowCount);

        var evaluator = new SnapshotRowEvaluator(snapshot);

        Assert.False(evaluator.FoldsEmbedding);
        AssertRowsAgree(snapshot, evaluator, rows, rowCount, 2e-6);
    }

    /// <summary>The default front (embedding, front scale, dense): the scale is folded into the dense layer's columns, and the values agree with the unfolded layers.</summary>
    [Fact]
    public void Forward_FrontScaleBetweenEmbeddingAndDense_IsFoldedAndEqualsTheBlockEvaluator()
    {
        var snapshot = Network(relu: false, frontScale: true, preprocessing: null);
        Assert.Contains(snapshot.Layers, l => l is Microsoft.ML.Dropout.Snapshots.Tabular.FrontScaleLayer);
        var rows = EdgeRows(out int rowCount);

        var evaluator = new SnapshotRowEvaluator(snapshot);

        Assert.True(evaluator.FoldsEmbedding);
        AssertRowsAgree(snapshot, evaluator, rows, rowCount, 2e-6);
    }

    private static void AssertRowsAgree(MlpSnapshot snapshot, SnapshotRowEvaluator evaluator, float[] rows, int rowCount, double tolerance)
    {
        float[] expected = SnapshotEvaluator.Forward(snapshot, rows, rowCount);
        var output = new float[1];
        for (int r = 0; r < rowCount; r++)
        {
            evaluator.Forward(rows.AsSpan(r * Features, Features), output);
            Assert.True(Math.Abs(expected[r] - output[0]) <= tolerance * Math.Max(1, Math.Abs(expected[r])), $"row {r}: {output[0]} vs unfolded {expected[r]}");
        }
        Assert.Contains(expected, v => Math.Abs(v) > 0.5f); // the comparison is not vacuous
    }

    /// <summary>
    /// Per embedded feature: below the first edge, on every edge, inside every bin and above the last edge (the
    /// other embedded features and the passthrough columns take seeded values), so every bin and both
    /// extrapolating ends are reached.
    /// </summary>
    /// <param name="rowCount">The rows made.</param>
    /// <param name="embedAll">Rows for the network with every column embedded.</param>
    internal static float[] EdgeRows(out int rowCount, bool embedAll = false)
    {
        int[] embedded = embedAll ? AllEmbedded : Embedded;
        float[][] allEdges = embedAll ? AllEdges : Edges;
        var rng = new Random(11);
        var rows = new List<float>();
        for (int k = 0; k < embedded.Length; k++)
        {
            float[] edges = allEdges[k];
            var values = new List<float> { edges[0] - 1.7f, edges[^1] + 2.3f, edges[0] - 0.01f, edges[^1] + 0.01f };
            for (int t = 0; t < edges.Length; t++)
            {
                values.Add(edges[t]);
                if (t + 1 < edges.Length)
                    values.Add(edges[t] + (edges[t + 1] - edges[t]) * (float)rng.NextDouble());
            }
            foreach (float value in values)
            {
                var row = Enumerable.Range(0, Features).Select(_ => (float)(2 * TestSnapshots.Gaussian(rng))).ToArray();
                row[embedded[k]] = value;
                rows.AddRange(row);
            }
        }
        rowCount = rows.Count / Features;
        return rows.ToArray();
    }

    /// <summary>[preprocessing], PLE embedding (d = 4, random weights also in the masked slots), [FrontScale], input dropout, dense 18 → 19 (or 24 → 19 with every column embedded; or → <paramref name="hidden"/>), GELU, [dense → <paramref name="second"/>, LayerNorm, GELU], dense → 1.</summary>
    /// <param name="relu">ReLU after the embedding (prevents the fold).</param>
    /// <param name="frontScale">A FrontScale between the embedding and the dense layer (prevents the fold).</param>
    /// <param name="preprocessing">Preprocessing before the embedding, or none.</param>
    /// <param name="embedAll">Embed every column.</param>
    /// <param name="hidden">The first dense layer's outputs.</param>
    /// <param name="second">With a value, a second dense layer of this width, LayerNorm and GELU before the output layer.</param>
    internal static MlpSnapshot Network(bool relu, bool frontScale, PreprocessingLayer? preprocessing, bool embedAll = false, int hidden = Hidden, int? second = null)
    {
        var rng = new Random(5);
        float[] Random(int count, double scale) => Enumerable.Range(0, count).Select(_ => (float)(scale * TestSnapshots.Gaussian(rng))).ToArray();
        var encoding = embedAll
            ? new PiecewiseLinearEncodingLayer("encoding", Features, AllEmbedded, AllEdges)
            : new PiecewiseLinearEncodingLayer("encoding", Features, Embedded, Edges);
        int e = encoding.EmbeddedFeatures.Length, bins = encoding.MaxBins;
        var embedding = new PiecewiseLinearEmbeddingLayer("embedding", encoding, Dimension,
            Random(e * Dimension, 0.5), Random(e * Dimension, 0.3), Random(e * bins * Dimension, 0.7), relu);
        int width = embedding.OutputWidth;
        var layers = new List<SnapshotLayer>();
        if (preprocessing is not null) layers.Add(preprocessing);
        layers.Add(embedding);
        if (frontScale) layers.Add(new FrontScaleLayer("front_scale", width, Random(width, 1).Select(s => 1 + 0.3f * s).ToArray()));
        layers.Add(new DropoutLayer("input_dropout", DropoutKind.Standard, 0.1));
        layers.Add(TestSnapshots.Dense("hidden0.linear", width, hidden, rng));
        layers.Add(new ActivationLayer("hidden0.act", Activation.Gelu));
        if (second is int size)
        {
            layers.Add(TestSnapshots.Dense("hidden1.linear", hidden, size, rng));
            layers.Add(new LayerNormLayer("hidden1.norm", size, Random(size, 0.3).Select(s => 1 + s).ToArray(), Random(size, 0.2), 1e-5f));
            layers.Add(new ActivationLayer("hidden1.act", Activation.Gelu));
            hidden = size;
        }
        layers.Add(TestSnapshots.Dense("output", hidden, 1, rng));
        return new MlpSnapshot(Features, 1, TaskKind.Regression, layers);
    }
}
