using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Microsoft.ML.Dropout.Tests.Export;

public class OnnxExporterTests
{
    private const int Rows = 64;

    public static TheoryData<TaskKind, int, Activation, bool, bool, DropoutKind> Architectures => new()
    {
        { TaskKind.BinaryClassification, 1, Activation.Gelu, true, false, DropoutKind.Standard },
        { TaskKind.MulticlassClassification, 4, Activation.Gelu, true, true, DropoutKind.Gaussian },
        { TaskKind.MulticlassClassification, 3, Activation.Relu, false, true, DropoutKind.DropConnect },
        { TaskKind.Regression, 1, Activation.Selu, false, false, DropoutKind.Alpha },
        { TaskKind.Regression, 1, Activation.Selu, false, true, DropoutKind.Alpha },
        { TaskKind.BinaryClassification, 1, Activation.Silu, true, true, DropoutKind.Concrete },
        { TaskKind.MulticlassClassification, 5, Activation.Silu, false, false, DropoutKind.Standard },
        { TaskKind.Regression, 1, Activation.Relu, true, true, DropoutKind.Standard },
    };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Export_EveryLayerKind_OnnxRuntimeMatchesSnapshotEvaluator(TaskKind task, int outputs, Activation activation, bool layerNorm, bool residual, DropoutKind kind)
    {
        var snapshot = TestSnapshots.Mlp(task, inputSize: 11, outputs, activation, layerNorm, residual, kind, rate: 0.3);
        float[] rows = TestSnapshots.Rows(Rows, 11);

        var result = OrtRunner.Run(OnnxExporter.Export(snapshot), rows, Rows, 11);

        var (values, shape) = result[OnnxExportOptions.Defaults.RawOutputName];
        Assert.Equal(new long[] { Rows, outputs }, shape);
        float[] expected = SnapshotEvaluator.Forward(snapshot, rows, Rows);
        Assert.Contains(expected, v => Math.Abs(v) > 0.5f); // the comparison is not vacuous
        OrtRunner.AssertClose(expected, values);
    }

    [Fact]
    public void Export_DefaultOptions_WritesIrVersion8Opset17ProducerAndMetadata()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.MulticlassClassification, 5, 3, Activation.Gelu, true, false) with { Temperature = 1.5 };

        byte[] bytes = OnnxExporter.Export(snapshot);
        using var session = new InferenceSession(bytes);

        Assert.Equal(new byte[] { 0x08, 0x08 }, bytes[..2]); // field 1 (ir_version), varint 8
        Assert.Equal("Microsoft.ML.Dropout", session.ModelMetadata.ProducerName);
        Assert.Equal("MulticlassClassification", session.ModelMetadata.CustomMetadataMap["task"]);
        Assert.Equal("1.5", session.ModelMetadata.CustomMetadataMap["temperature"]);
        Assert.Equal(new[] { "Features" }, session.InputNames);
        Assert.Equal(new[] { -1, 5 }, session.InputMetadata["Features"].Dimensions);
        Assert.Equal("batch", session.InputMetadata["Features"].SymbolicDimensions[0]);
        Assert.Equal(new[] { "RawOutput" }, session.OutputNames);
        Assert.Equal(new[] { -1, 3 }, session.OutputMetadata["RawOutput"].Dimensions);

        var model = new ProtoFields(bytes);
        Assert.Equal(8, model.Int(1));                       // ModelProto.ir_version
        Assert.Equal("Microsoft.ML.Dropout", model.String(2)); // ModelProto.producer_name
        var opset = model.Message(8);                         // ModelProto.opset_import
        Assert.Equal("", opset.String(1));
        Assert.Equal(17, opset.Int(2));
    }

    [Fact]
    public void Export_Snapshot_EmitsGemmLayerNormGeluAndNoDropoutNodes()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.BinaryClassification, 6, 1, Activation.Gelu, layerNorm: true, residual: true);

        var graph = new ProtoFields(OnnxExporter.Export(snapshot)).Message(7);
        var nodes = graph.Messages(1).ToList();
        var opTypes = nodes.Select(n => n.String(4)).ToList();
        var nodeNames = nodes.Select(n => n.String(3)).ToList();
        var tensorNames = nodes.SelectMany(n => n.Strings(2)).Concat(graph.Messages(5).Select(t => t.String(8))).ToList();

        Assert.Equal(3, opTypes.Count(op => op == "Gemm"));
        Assert.Equal(2, opTypes.Count(op => op == "LayerNormalization"));
        Assert.Equal(2, opTypes.Count(op => op == "Erf"));
        Assert.Single(nodes, n => n.String(4) == "Add" && n.String(3) == "block1/Add");
        Assert.DoesNotContain("Dropout", opTypes);
        Assert.Equal(nodeNames.Count, nodeNames.Distinct().Count());
        Assert.Equal(tensorNames.Count, tensorNames.Distinct().Count());
        Assert.Contains("hidden0.linear.weight", tensorNames);
        Assert.Contains("block1.linear", tensorNames);
        Assert.Contains("block1", tensorNames); // the residual Add's output
    }

    [Fact]
    public void Export_StreamOverload_WritesTheSameBytes()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.Regression, 4, 1, Activation.Relu, false, false);
        using var stream = new MemoryStream();

        OnnxExporter.Export(snapshot, stream);

        Assert.Equal(OnnxExporter.Export(snapshot), stream.ToArray());
    }

    [Fact]
    public void Export_MulticlassWithTemperature_ScoreProbabilityAndLabelMatchEvaluator()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.MulticlassClassification, 7, 4, Activation.Gelu, true, true) with { Temperature = 2.5 };
        float[] rows = TestSnapshots.Rows(Rows, 7);
        var options = new OnnxExportOptions { ScoreOutputName = "Score", ProbabilityOutputName = "Probability", PredictedLabelOutputName = "PredictedLabel" };

        var result = OrtRunner.Run(OnnxExporter.Export(snapshot, options), rows, Rows, 7);

        float[] raw = SnapshotEvaluator.Forward(snapshot, rows, Rows);
        OrtRunner.AssertClose(raw, result["RawOutput"].Values);
        OrtRunner.AssertClose(raw.Select(z => z / 2.5f).ToArray(), result["Score"].Values);
        OrtRunner.AssertClose(SnapshotEvaluator.Probabilities(snapshot, raw, Rows), result["Probability"].Values);
        Assert.Equal(new long[] { Rows, 4 }, result["Probability"].Shape);
        var argmax = Enumerable.Range(0, Rows).Select(r => (float)Array.IndexOf(raw, raw.Skip(r * 4).Take(4).Max(), r * 4) - r * 4).ToArray();
        Assert.Equal(argmax, result["PredictedLabel"].Values);
        Assert.Equal(new long[] { Rows, 1 }, result["PredictedLabel"].Shape);
        Assert.True(argmax.Distinct().Count() > 1);
    }

    [Theory]
    [InlineData(OnnxLabelType.Int64, TensorElementType.Int64)]
    [InlineData(OnnxLabelType.Single, TensorElementType.Float)]
    public void Export_PredictedLabelType_SetsTheOutputElementType(OnnxLabelType labelType, TensorElementType expected)
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.MulticlassClassification, 3, 3, Activation.Relu, false, false);
        var options = new OnnxExportOptions { RawOutputName = null, PredictedLabelOutputName = "Label", PredictedLabelType = labelType };

        using var session = new InferenceSession(OnnxExporter.Export(snapshot, options));

        Assert.Equal(expected, session.OutputMetadata["Label"].ElementDataType);
    }

    [Fact]
    public void Export_BinaryWithTemperature_ProbabilityIsSigmoidOfLogitOverTAndLabelIsSign()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.BinaryClassification, 5, 1, Activation.Silu, true, false) with { Temperature = 0.8 };
        float[] rows = TestSnapshots.Rows(Rows, 5);
        var options = new OnnxExportOptions { ProbabilityOutputName = "Probability", PredictedLabelOutputName = "PredictedLabel", PredictedLabelType = OnnxLabelType.Single };

        var result = OrtRunner.Run(OnnxExporter.Export(snapshot, options), rows, Rows, 5);

        float[] raw = SnapshotEvaluator.Forward(snapshot, rows, Rows);
        float[] expected = raw.Select(z => (float)(1 / (1 + Math.Exp(-z / 0.8)))).ToArray();
        OrtRunner.AssertClose(expected, result["Probability"].Values);
        Assert.Equal(raw.Select(z => z > 0 ? 1f : 0f), result["PredictedLabel"].Values);
        Assert.Contains(0f, result["PredictedLabel"].Values);
        Assert.Contains(1f, result["PredictedLabel"].Values);
    }

    [Fact]
    public void Export_ApplyTemperatureFalse_ScoreEqualsRawLogits()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.MulticlassClassification, 5, 3, Activation.Relu, false, false) with { Temperature = 3 };
        float[] rows = TestSnapshots.Rows(8, 5);

        var result = OrtRunner.Run(OnnxExporter.Export(snapshot, new OnnxExportOptions { ScoreOutputName = "Score", ApplyTemperature = false }), rows, 8, 5);

        Assert.Equal(result["RawOutput"].Values, result["Score"].Values);
    }

    [Fact]
    public void Export_Regression_ScoreIsRawTimesScalePlusShift()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.Regression, 6, 1, Activation.Selu, false, true, DropoutKind.Alpha) with { OutputScale = 3.5, OutputShift = -120.25 };
        float[] rows = TestSnapshots.Rows(Rows, 6);

        var result = OrtRunner.Run(OnnxExporter.Export(snapshot, new OnnxExportOptions { ScoreOutputName = "Score" }), rows, Rows, 6);

        float[] raw = SnapshotEvaluator.Forward(snapshot, rows, Rows);
        OrtRunner.AssertClose(SnapshotEvaluator.ToLabelUnits(snapshot, raw), result["Score"].Values);
        OrtRunner.AssertClose(raw.Select(z => (float)(z * 3.5 - 120.25)).ToArray(), result["Score"].Values);
    }

    [Fact]
    public void Export_OutputShapeBatch_DeclaresOneDimensionalOutputs()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.BinaryClassification, 3, 1, Activation.Relu, false, false);
        var options = new OnnxExportOptions { OutputShape = OnnxOutputShape.Batch, ScoreOutputName = "Score" };

        using var session = new InferenceSession(OnnxExporter.Export(snapshot, options));
        var result = OrtRunner.Run(session, TestSnapshots.Rows(Rows, 3), Rows, 3);

        Assert.Equal(new[] { -1 }, session.OutputMetadata["RawOutput"].Dimensions);
        Assert.Equal("batch", session.OutputMetadata["Score"].SymbolicDimensions[0]);
        Assert.Equal(new long[] { Rows }, result["Score"].Shape);
    }

    [Fact]
    public void Export_CustomNames_AreUsedForInputAndOutputs()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.BinaryClassification, 3, 1, Activation.Relu, false, false);
        var options = new OnnxExportOptions { InputName = "hidden0.linear", RawOutputName = "output", ScoreOutputName = "Score.output", BatchDimensionName = "N" };

        using var session = new InferenceSession(OnnxExporter.Export(snapshot, options));

        Assert.Equal(new[] { "hidden0.linear" }, session.InputNames);
        Assert.Equal(new[] { "output", "Score.output" }, session.OutputNames);
        Assert.Equal("N", session.InputMetadata["hidden0.linear"].SymbolicDimensions[0]);
    }

    [Fact]
    public void Export_ProbabilityForRegression_ThrowsNamingTheOption()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.Regression, 3, 1, Activation.Relu, false, false);

        var e = Assert.Throws<ArgumentException>(() => OnnxExporter.Export(snapshot, new OnnxExportOptions { ProbabilityOutputName = "P" }));

        Assert.Equal("ProbabilityOutputName = 'P' needs a classification snapshot; this one is Regression: set ProbabilityOutputName = null.", e.Message);
    }

    [Fact]
    public void Export_InvalidOptionCombinations_ListEveryProblem()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.MulticlassClassification, 3, 3, Activation.Relu, false, false);
        var options = new OnnxExportOptions
        {
            RawOutputName = "Features",
            OutputShape = OnnxOutputShape.Batch,
        };

        var e = Assert.Throws<ArgumentException>(() => OnnxExporter.Export(snapshot, options));

        Assert.Contains("The name 'Features' is used by more than one input/output", e.Message);
        Assert.Contains("OutputShape = Batch declares [N] outputs", e.Message);
    }

    [Fact]
    public void Export_NoOutputSelected_Throws()
    {
        var snapshot = TestSnapshots.Mlp(TaskKind.Regression, 3, 1, Activation.Relu, false, false);

        var e = Assert.Throws<ArgumentException>(() => OnnxExporter.Export(snapshot, new OnnxExportOptions { RawOutputName = null }));

        Assert.StartsWith("No output is selected", e.Message);
    }

    [Fact]
    public void Options_EmptyInputName_ThrowsWithOptionGuardMessage()
    {
        var e = Assert.Throws<ArgumentException>(() => new OnnxExportOptions { InputName = " " });

        Assert.StartsWith("Invalid value for option 'InputName': expected a non-empty name. Received: ' '.", e.Message);
    }

    [Fact]
    public void Export_InconsistentSnapshot_ThrowsNamingTheLayer()
    {
        var rng = new Random(1);
        var snapshot = new MlpSnapshot(4, 1, TaskKind.Regression, new SnapshotLayer[]
        {
            TestSnapshots.Dense("hidden0.linear", 4, 8, rng),
            TestSnapshots.Dense("output", 7, 1, rng),
        });

        var e = Assert.Throws<ArgumentException>(() => OnnxExporter.Export(snapshot));

        Assert.Equal("Snapshot layer 'output' expects 7 inputs but receives 8.", e.Message);
    }
}
