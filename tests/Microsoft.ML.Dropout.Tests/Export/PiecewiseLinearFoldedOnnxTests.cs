using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using Microsoft.ML.Dropout.Tests.Inference;

namespace Microsoft.ML.Dropout.Tests.Export;

/// <summary>
/// With <see cref="OnnxExportOptions.FoldPiecewiseLinearEmbedding"/> the ONNX export writes a piecewise-linear
/// embedding without ReLU and the dense layer reading it folded (one table lookup per feature, as managed scoring
/// does; by default it does not) and ONNX Runtime then gives the managed evaluators' values to
/// float rounding: values below the first edge, above the last, on the edges and inside the bins, features with
/// fewer bins than the widest (masked slots with nonzero weights), a single-bin feature, passthrough columns or none,
/// NaN filled by Quantile preprocessing. With ReLU after the embedding or a FrontScale between it and the dense
/// layer the export keeps the unfolded layers.
/// </summary>
public class PiecewiseLinearFoldedOnnxTests
{
    private const int Features = PiecewiseLinearFoldedDenseTests.Features;

    private static readonly OnnxExportOptions Folding = new() { FoldPiecewiseLinearEmbedding = true };

    /// <summary>An initializer only the folded graph has.</summary>
    private const string FoldedTable = "embedding.folded.prefix_table";

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Export_FoldableEmbedding_IsFoldedAndMatchesTheManagedEvaluators(bool withPreprocessing, bool embedAll)
    {
        var preprocessing = withPreprocessing
            ? FeaturePreprocessor.Fit(TestSnapshots.Rows(200, Features, seed: 3), 200, Features, FeaturePreprocessing.Quantile)
            : null;
        var snapshot = PiecewiseLinearFoldedDenseTests.Network(relu: false, frontScale: false, preprocessing, embedAll);
        var rows = PiecewiseLinearFoldedDenseTests.EdgeRows(out int rowCount, embedAll);
        if (withPreprocessing)
        {
            rows[1 * Features + 0] = float.NaN;   // an embedded column
            rows[2 * Features + 4] = float.NaN;   // a passthrough column (embedded when every column is)
            rows[3 * Features + 3] = float.NaN;   // the single-bin column
        }
        byte[] model = OnnxExporter.Export(snapshot, Folding);

        Assert.Contains(FoldedTable, InitializerNames(model));
        AssertOnnxMatchesManaged(snapshot, model, rows, rowCount);
    }

    [Fact]
    public void Export_ValuesFarOutsideTheEdges_ExtrapolateAsManaged()
    {
        var snapshot = PiecewiseLinearFoldedDenseTests.Network(relu: false, frontScale: false, preprocessing: null);
        var rows = TestSnapshots.Rows(8, Features, seed: 9, scale: 50);
        byte[] model = OnnxExporter.Export(snapshot, Folding);

        Assert.Contains(FoldedTable, InitializerNames(model));
        AssertOnnxMatchesManaged(snapshot, model, rows, 8);
    }

    [Fact]
    public void Export_ReluEmbedding_IsNotFoldedAndMatchesTheManagedEvaluators()
    {
        var snapshot = PiecewiseLinearFoldedDenseTests.Network(relu: true, frontScale: false, preprocessing: null);
        var rows = PiecewiseLinearFoldedDenseTests.EdgeRows(out int rowCount);
        byte[] model = OnnxExporter.Export(snapshot, Folding);

        Assert.DoesNotContain(InitializerNames(model), name => name.Contains(".folded.", StringComparison.Ordinal));
        AssertOnnxMatchesManaged(snapshot, model, rows, rowCount);
    }

    [Fact]
    public void Export_FrontScaleBetweenEmbeddingAndDense_IsFoldedAndMatchesTheManagedEvaluators()
    {
        var snapshot = PiecewiseLinearFoldedDenseTests.Network(relu: false, frontScale: true, preprocessing: null);
        var rows = PiecewiseLinearFoldedDenseTests.EdgeRows(out int rowCount);
        byte[] model = OnnxExporter.Export(snapshot, Folding);

        Assert.Contains(InitializerNames(model), name => name.Contains(".folded.", StringComparison.Ordinal));
        AssertOnnxMatchesManaged(snapshot, model, rows, rowCount);
    }

    [Fact]
    public void Export_DefaultOptions_IsNotFoldedAndMatchesTheManagedEvaluators()
    {
        var snapshot = PiecewiseLinearFoldedDenseTests.Network(relu: false, frontScale: false, preprocessing: null);
        var rows = PiecewiseLinearFoldedDenseTests.EdgeRows(out int rowCount);
        byte[] model = OnnxExporter.Export(snapshot);

        Assert.DoesNotContain(InitializerNames(model), name => name.Contains(".folded.", StringComparison.Ordinal));
        AssertOnnxMatchesManaged(snapshot, model, rows, rowCount);
    }

    /// <summary>ONNX Runtime's raw output equals the single-row (folded) and the block (unfolded) managed evaluators' to 1e-5 relative.</summary>
    private static void AssertOnnxMatchesManaged(MlpSnapshot snapshot, byte[] model, float[] rows, int rowCount)
    {
        float[] onnx = OrtRunner.Run(model, rows, rowCount, Features)[OnnxExportOptions.Defaults.RawOutputName].Values;
        float[] unfolded = SnapshotEvaluator.Forward(snapshot, rows, rowCount);
        var evaluator = new SnapshotRowEvaluator(snapshot);
        var row = new float[1];
        for (int r = 0; r < rowCount; r++)
        {
            evaluator.Forward(rows.AsSpan(r * Features, Features), row);
            Assert.True(Math.Abs(row[0] - onnx[r]) <= 1e-5 * Math.Max(1, Math.Abs(row[0])), $"row {r}: ONNX {onnx[r]} vs managed row evaluator {row[0]}");
            Assert.True(Math.Abs(unfolded[r] - onnx[r]) <= 1e-5 * Math.Max(1, Math.Abs(unfolded[r])), $"row {r}: ONNX {onnx[r]} vs managed block evaluator {unfolded[r]}");
        }
        Assert.Contains(onnx, v => Math.Abs(v) > 0.5f); // the comparison is not vacuous
    }

    /// <summary>ModelProto.graph (7) → GraphProto.initializer (5) → TensorProto.name (8).</summary>
    private static List<string> InitializerNames(byte[] model) =>
        new ProtoFields(model).Message(7).Messages(5).Select(t => t.String(8)).ToList();
}
