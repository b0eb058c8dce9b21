using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Tests.Export;

namespace Microsoft.ML.Dropout.Tests.Inference;

/// <summary>
/// The single-row evaluator gives the block evaluator's values to float rounding, reuses its buffers (one set per
/// thread), and checks its spans.
/// </summary>
public class SnapshotRowEvaluatorTests
{
    [Theory]
    [InlineData(Activation.Gelu, true, true, TaskKind.MulticlassClassification)]
    [InlineData(Activation.Relu, false, false, TaskKind.BinaryClassification)]
    [InlineData(Activation.Selu, false, true, TaskKind.Regression)]
    [InlineData(Activation.Silu, true, false, TaskKind.MulticlassClassification)]
    public void Forward_EveryRow_EqualsSnapshotEvaluator(Activation activation, bool layerNorm, bool residual, TaskKind task)
    {
        int outputs = task == TaskKind.MulticlassClassification ? 5 : 1;
        var snapshot = TestSnapshots.Mlp(task, 7, outputs, activation, layerNorm, residual);
        var rows = TestSnapshots.Rows(20, 7);
        float[] expected = SnapshotEvaluator.Forward(snapshot, rows, 20);

        var evaluator = new SnapshotRowEvaluator(snapshot);
        var other = evaluator.WithOwnBuffers();
        var output = new float[outputs];
        for (int r = 0; r < 20; r++)
        {
            // Alternate between two evaluators that share the prepared weights: buffers must not leak between rows.
            (r % 2 == 0 ? evaluator : other).Forward(rows.AsSpan(r * 7, 7), output);
            for (int c = 0; c < outputs; c++)
                Assert.True(Math.Abs(expected[r * outputs + c] - output[c]) <= 1e-6 * Math.Max(1, Math.Abs(output[c])), $"row {r} output {c}: {output[c]} vs {expected[r * outputs + c]}");
        }
    }

    /// <summary>
    /// Against ONNX Runtime on the exported graph: hidden width 71 (a full SIMD panel plus a partial vector for
    /// 8- and 16-lane hardware), 11 classes (a vector plus a partial one) or 1 output (the dot-product path), and a
    /// row with a NaN feature, which must come out NaN in every output as from ONNX Runtime.
    /// </summary>
    [Theory]
    [InlineData(TaskKind.MulticlassClassification, 11, Activation.Gelu)]
    [InlineData(TaskKind.BinaryClassification, 1, Activation.Relu)]
    public void Forward_PanelWidthsAndANaNRow_MatchOnnxRuntime(TaskKind task, int outputs, Activation activation)
    {
        const int inputs = 13, rowCount = 12, nanRow = 5;
        var snapshot = TestSnapshots.Mlp(task, inputs, outputs, activation, layerNorm: true, residual: true, hidden: 71);
        var rows = TestSnapshots.Rows(rowCount, inputs);
        rows[nanRow * inputs + 4] = float.NaN;
        var expected = OrtRunner.Run(OnnxExporter.Export(snapshot), rows, rowCount, inputs)[OnnxExportOptions.Defaults.RawOutputName].Values;

        var evaluator = new SnapshotRowEvaluator(snapshot);
        var actual = new float[rowCount * outputs];
        for (int r = 0; r < rowCount; r++)
            evaluator.Forward(rows.AsSpan(r * inputs, inputs), actual.AsSpan(r * outputs, outputs));

        for (int i = 0; i < actual.Length; i++)
        {
            if (i / outputs == nanRow)
            {
                Assert.True(float.IsNaN(expected[i]) && float.IsNaN(actual[i]), $"NaN row, output {i % outputs}: {actual[i]} vs ONNX Runtime {expected[i]}");
                continue;
            }
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"row {i / outputs}, output {i % outputs}: {actual[i]} vs ONNX Runtime {expected[i]}");
        }
        Assert.Contains(actual, v => Math.Abs(v) > 0.5f); // the comparison is not vacuous
    }

    [Fact]
    public void WithOwnBuffers_FourThreads_EachGetTheirRowsOwnValues()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.Regression, 7, 1, Activation.Relu, layerNorm: true, residual: true);
        var rows = TestSnapshots.Rows(64, 7);
        var shared = new SnapshotRowEvaluator(snapshot);
        var expected = new float[64];
        for (int r = 0; r < 64; r++)
            shared.Forward(rows.AsSpan(r * 7, 7), expected.AsSpan(r, 1));
        var mismatches = new int[4];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            var mine = shared.WithOwnBuffers();
            var output = new float[1];
            for (int i = 0; i < 5000; i++)
            {
                int r = (i * 7 + t * 13) % 64;
                mine.Forward(rows.AsSpan(r * 7, 7), output);
                if (output[0] != expected[r]) mismatches[t]++;
            }
        });
        Assert.Equal(new int[4], mismatches);
    }

    [Fact]
    public void GeluFloatPrecision_IsWithinItsBoundOfTheExactGelu()
    {
        for (double x = -8; x <= 8; x += 0.001)
        {
            double exact = ActivationMath.Gelu(x);
            Assert.True(Math.Abs(ActivationMath.GeluFloatPrecision(x) - exact) <= 0.75e-7 * Math.Abs(x) + 1e-12, $"x = {x}");
            // The vector form runs in float: its bound adds float rounding (and x itself is rounded to float).
            float xf = (float)x;
            double lane = ActivationMath.GeluFloatPrecision(new System.Numerics.Vector<float>(xf))[0];
            Assert.True(Math.Abs(lane - ActivationMath.Gelu(xf)) <= 3e-7 * Math.Abs(xf) + 1e-30, $"vector, x = {xf}");
        }
    }

    [Fact]
    public void Forward_AfterWarmUp_AllocatesNothing()
    {
        var evaluator = new SnapshotRowEvaluator(TestSnapshots.Mlp(TaskKind.BinaryClassification, 7, 1, Activation.Gelu, layerNorm: true, residual: true));
        var row = TestSnapshots.Rows(1, 7);
        var output = new float[1];
        evaluator.Forward(row, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            evaluator.Forward(row, output);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Forward_WrongLengths_NameTheSpanAndTheSize()
    {
        var evaluator = new SnapshotRowEvaluator(TestSnapshots.Mlp(TaskKind.Regression, 7, 1, Activation.Relu, layerNorm: false, residual: false));
        var error = Assert.Throws<ArgumentException>(() => evaluator.Forward(new float[6], new float[1]));
        Assert.Contains("'features' must hold 7 values. Received: 6.", error.Message);
        error = Assert.Throws<ArgumentException>(() => evaluator.Forward(new float[7], new float[2]));
        Assert.Contains("'output' must hold 1 values. Received: 2.", error.Message);
    }
}
