using System.Globalization;
using System.Reflection;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Export;

/// <summary>
/// Writes an <see cref="MlpSnapshot"/> as an ONNX model (IR version 8, default-domain opset 17, producer
/// "Microsoft.ML.Dropout") without any ONNX or TorchSharp dependency: the ModelProto is encoded directly with
/// Google.Protobuf's <c>CodedOutputStream</c>; weights are stored as little-endian float <c>raw_data</c>.
/// </summary>
/// <remarks>
/// Layer mapping: <see cref="DenseLayer"/> → Gemm(transB = 1); <see cref="LayerNormLayer"/> → LayerNormalization
/// (axis −1, its epsilon); ReLU → Relu; GELU → 0.5·x·(1 + Erf(x/√2)) (opset 17 has no Gelu); SELU → Selu with
/// α = 1.6732632423543772, γ = 1.0507009873554805 set explicitly (PyTorch's constants); SiLU → x·Sigmoid(x);
/// <see cref="DropoutLayer"/> → nothing (identity at inference); <see cref="ResidualBlock"/> → Add(x, body(x)).
/// Tensor and node names derive from the layer names and are unique. The input is float [N, InputSize] with a
/// symbolic N. Outputs and their post-processing are chosen with <see cref="OnnxExportOptions"/>; the model's
/// metadata_props record task, temperature, output scale and shift.
/// The graph computes what <see cref="SnapshotEvaluator.Forward"/> computes (within float rounding).
/// </remarks>
public static class OnnxExporter
{
    /// <summary>ONNX IR version written: 8.</summary>
    public const long IrVersion = 8;

    /// <summary>Default-domain opset imported: 17.</summary>
    public const long OpsetVersion = 17;

    /// <summary>ModelProto.producer_name: "Microsoft.ML.Dropout".</summary>
    public const string ProducerName = "Microsoft.ML.Dropout";

    /// <summary>Encodes <paramref name="snapshot"/> as ONNX model bytes.</summary>
    /// <param name="snapshot">The network to export; validated (widths, array lengths, rates).</param>
    /// <param name="options">Names, outputs and shapes; null uses the defaults (input "Features", one output "RawOutput" of shape [N, OutputSize]).</param>
    /// <returns>The serialized ModelProto, loadable by ONNX Runtime and ML.NET's ApplyOnnxModel.</returns>
    /// <exception cref="ArgumentException">The snapshot is inconsistent, or the options do not fit the task (e.g. probabilities for regression, duplicate names).</exception>
    public static byte[] Export(MlpSnapshot snapshot, OnnxExportOptions? options = null)
    {
        SnapshotValidator.Validate(snapshot);
        options ??= new OnnxExportOptions();
        ValidateOptions(snapshot, options);

        var graph = new OnnxGraphBuilder();
        graph.Reserve(options.InputName);
        foreach (string name in OutputNames(options))
            graph.Reserve(name);

        graph.AddInput(options.InputName, OnnxGraphBuilder.ElementFloat,
            OnnxDimension.Symbolic(options.BatchDimensionName), OnnxDimension.Fixed(snapshot.InputSize));

        // An ensemble classifier's temperature divides every member's logits: its heads carry 1/T, and the raw output
        // is T times the tempered score, as SnapshotEvaluator.Forward returns it.
        bool intoMembers = options.ApplyTemperature && EnsembleTemperature.DividesMembers(snapshot);
        string raw = EmitLayers(graph, (intoMembers ? EnsembleTemperature.IntoMembers(snapshot) : snapshot).Layers, options.InputName,
            foldEmbedding: options.FoldPiecewiseLinearEmbedding);
        if (intoMembers)
            raw = graph.AddNode("Mul", "raw.times_temperature", new[] { raw, graph.AddScalar("raw.temperature", (float)snapshot.Temperature) });
        EmitOutputs(graph, snapshot, options, raw);

        string version = typeof(OnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0";
        return graph.BuildModel(options.GraphName, ProducerName, version, IrVersion, OpsetVersion, Metadata(snapshot));
    }

    /// <summary>Writes the ONNX model bytes of <paramref name="snapshot"/> to <paramref name="destination"/> (not closed).</summary>
    /// <param name="snapshot">The network to export.</param>
    /// <param name="destination">A writable stream.</param>
    /// <param name="options">Names, outputs and shapes; null uses the defaults.</param>
    public static void Export(MlpSnapshot snapshot, Stream destination, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        byte[] bytes = Export(snapshot, options);
        destination.Write(bytes, 0, bytes.Length);
    }

    private static IEnumerable<string> OutputNames(OnnxExportOptions o)
    {
        if (o.RawOutputName != null) yield return o.RawOutputName;
        if (o.ScoreOutputName != null) yield return o.ScoreOutputName;
        if (o.ProbabilityOutputName != null) yield return o.ProbabilityOutputName;
        if (o.PredictedLabelOutputName != null) yield return o.PredictedLabelOutputName;
    }

    private static void ValidateOptions(MlpSnapshot snapshot, OnnxExportOptions o)
    {
        var errors = new List<string>();
        var names = OutputNames(o).ToList();
        if (names.Count == 0)
            errors.Add("No output is selected: set RawOutputName, ScoreOutputName, ProbabilityOutputName, or PredictedLabelOutputName.");
        var all = names.Prepend(o.InputName).ToList();
        foreach (var duplicate in all.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add($"The name '{duplicate.Key}' is used by more than one input/output: give every input and output its own name.");
        bool classification = snapshot.Task != TaskKind.Regression;
        if (!classification && o.ProbabilityOutputName != null)
            errors.Add($"ProbabilityOutputName = '{o.ProbabilityOutputName}' needs a classification snapshot; this one is {snapshot.Task}: set ProbabilityOutputName = null.");
        if (!classification && o.PredictedLabelOutputName != null)
            errors.Add($"PredictedLabelOutputName = '{o.PredictedLabelOutputName}' needs a classification snapshot; this one is {snapshot.Task}: set PredictedLabelOutputName = null.");
        if (o.OutputShape == OnnxOutputShape.Batch && snapshot.OutputSize != 1 &&
            (o.RawOutputName != null || o.ScoreOutputName != null || o.ProbabilityOutputName != null))
            errors.Add($"OutputShape = Batch declares [N] outputs, which needs one value per row, but the snapshot has {snapshot.OutputSize} outputs: use BatchByWidth ([N, K]).");
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(Environment.NewLine, errors));
    }

    /// <summary>Emits the layers; <paramref name="dropout"/> (null = identity) emits each dropout site; <paramref name="foldEmbedding"/> writes a foldable piecewise-linear embedding folded into its dense layer.</summary>
    internal static string EmitLayers(OnnxGraphBuilder g, IReadOnlyList<SnapshotLayer> layers, string x,
        Func<OnnxGraphBuilder, DropoutLayer, string, string>? dropout = null, bool foldEmbedding = false)
    {
        var writer = new OnnxLayerWriter(g, dropout);
        return foldEmbedding ? writer.WalkFoldingEmbeddings(layers, x) : writer.Walk(layers, x);
    }

    private static void EmitOutputs(OnnxGraphBuilder g, MlpSnapshot s, OnnxExportOptions o, string raw)
    {
        int k = s.OutputSize;
        if (o.RawOutputName != null)
            Publish(g, o, raw, o.RawOutputName, k, OnnxGraphBuilder.ElementFloat);

        bool needScore = o.ScoreOutputName != null || o.ProbabilityOutputName != null || o.PredictedLabelOutputName != null;
        if (!needScore)
            return;

        string score = raw;
        if (s.Task == TaskKind.Regression)
        {
            if (s.OutputScale != 1.0)
                score = g.AddNode("Mul", "score.scaled", new[] { score, g.AddScalar("score.output_scale", (float)s.OutputScale) });
            if (s.OutputShift != 0.0)
                score = g.AddNode("Add", "score.shifted", new[] { score, g.AddScalar("score.output_shift", (float)s.OutputShift) });
        }
        else if (o.ApplyTemperature && s.Temperature != 1.0)
        {
            score = g.AddNode("Div", "score.tempered", new[] { score, g.AddScalar("score.temperature", (float)s.Temperature) });
        }
        if (o.ScoreOutputName != null)
            Publish(g, o, score, o.ScoreOutputName, k, OnnxGraphBuilder.ElementFloat);

        if (o.ProbabilityOutputName != null)
        {
            string probability = s.Task == TaskKind.BinaryClassification
                ? g.AddNode("Sigmoid", "probability", new[] { score })
                : g.AddNode("Softmax", "probability", new[] { score }, null, OnnxAttribute.Int("axis", -1));
            Publish(g, o, probability, o.ProbabilityOutputName, k, OnnxGraphBuilder.ElementFloat);
        }

        if (o.PredictedLabelOutputName != null)
        {
            string label;
            if (s.Task == TaskKind.MulticlassClassification)
            {
                label = g.AddNode("ArgMax", "predicted_label.argmax", new[] { score }, null,
                    OnnxAttribute.Int("axis", 1), OnnxAttribute.Int("keepdims", 1));
                if (o.PredictedLabelType == OnnxLabelType.Single)
                    label = g.AddNode("Cast", "predicted_label.float", new[] { label }, null, OnnxAttribute.Int("to", OnnxGraphBuilder.ElementFloat));
            }
            else
            {
                string positive = g.AddNode("Greater", "predicted_label.positive", new[] { score, g.AddScalar("predicted_label.zero", 0f) });
                int to = o.PredictedLabelType == OnnxLabelType.Single ? OnnxGraphBuilder.ElementFloat : OnnxGraphBuilder.ElementInt64;
                label = g.AddNode("Cast", "predicted_label.cast", new[] { positive }, null, OnnxAttribute.Int("to", to));
            }
            int element = o.PredictedLabelType == OnnxLabelType.Single ? OnnxGraphBuilder.ElementFloat : OnnxGraphBuilder.ElementInt64;
            Publish(g, o, label, o.PredictedLabelOutputName, 1, element);
        }
    }

    /// <summary>Copies (Identity) or reshapes <paramref name="source"/> into the graph output <paramref name="name"/>.</summary>
    private static void Publish(OnnxGraphBuilder g, OnnxExportOptions o, string source, string name, int width, int elementType)
    {
        switch (o.OutputShape)
        {
            case OnnxOutputShape.Batch:
                g.AddNode("Reshape", name, new[] { source, g.AddInt64Initializer($"{name}.shape", new[] { -1L }, 1) }, name);
                g.AddOutput(name, elementType, OnnxDimension.Symbolic(o.BatchDimensionName));
                break;
            default:
                g.AddNode("Identity", name, new[] { source }, name);
                g.AddOutput(name, elementType, OnnxDimension.Symbolic(o.BatchDimensionName), OnnxDimension.Fixed(width));
                break;
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Metadata(MlpSnapshot s)
    {
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        yield return new("task", s.Task.ToString());
        yield return new("input_size", s.InputSize.ToString(CultureInfo.InvariantCulture));
        yield return new("output_size", s.OutputSize.ToString(CultureInfo.InvariantCulture));
        yield return new("temperature", F(s.Temperature));
        yield return new("output_scale", F(s.OutputScale));
        yield return new("output_shift", F(s.OutputShift));
    }
}
