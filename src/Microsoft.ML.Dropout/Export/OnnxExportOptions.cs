using Microsoft.ML.Dropout.Snapshots;

namespace Microsoft.ML.Dropout.Export;

/// <summary>
/// What <see cref="OnnxExporter"/> puts into the graph: input name, which outputs (raw network output, task score,
/// probabilities, predicted label), their names and their declared shape.
/// Output names set to null are not emitted; at least one output must remain. Names are validated when set and
/// must be pairwise distinct (checked at export).
/// </summary>
public sealed class OnnxExportOptions
{
    private string _inputName = Defaults.InputName;
    private string _batchDimensionName = Defaults.BatchDimensionName;
    private string _graphName = Defaults.GraphName;
    private string? _rawOutputName = Defaults.RawOutputName;
    private string? _scoreOutputName;
    private string? _probabilityOutputName;
    private string? _predictedLabelOutputName;
    private OnnxLabelType _predictedLabelType = OnnxLabelType.Int64;
    private OnnxOutputShape _outputShape = OnnxOutputShape.BatchByWidth;

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>"Features" (ML.NET's default feature column name).</summary>
        public const string InputName = "Features";
        /// <summary>"batch".</summary>
        public const string BatchDimensionName = "batch";
        /// <summary>"RegularizedMlp".</summary>
        public const string GraphName = "RegularizedMlp";
        /// <summary>"RawOutput".</summary>
        public const string RawOutputName = "RawOutput";
    }

    /// <summary>
    /// Name of the float input of shape [N, InputSize] (N symbolic, see <see cref="BatchDimensionName"/>). ML.NET binds
    /// it to the column of the same name. Default "Features"; any non-empty string.
    /// </summary>
    public string InputName { get => _inputName; set => _inputName = RequireName(value, nameof(InputName)); }

    /// <summary>Name of the symbolic batch dimension N of the input and of batch-shaped outputs. Default "batch"; any non-empty string.</summary>
    public string BatchDimensionName { get => _batchDimensionName; set => _batchDimensionName = RequireName(value, nameof(BatchDimensionName)); }

    /// <summary>Name of the ONNX graph. Default "RegularizedMlp"; any non-empty string.</summary>
    public string GraphName { get => _graphName; set => _graphName = RequireName(value, nameof(GraphName)); }

    /// <summary>
    /// Output holding the raw network output, W = OutputSize values per row: the binary logit, the K multiclass
    /// logits (before temperature), or the standardized regression value. Default "RawOutput"; null omits it.
    /// </summary>
    public string? RawOutputName { get => _rawOutputName; set => _rawOutputName = OptionalName(value, nameof(RawOutputName)); }

    /// <summary>
    /// Output holding the task score: classification logits divided by <see cref="MlpSnapshot.Temperature"/> (when
    /// <see cref="ApplyTemperature"/>), or the regression prediction in label units, raw·OutputScale + OutputShift.
    /// W = OutputSize. Default null (not emitted).
    /// </summary>
    public string? ScoreOutputName { get => _scoreOutputName; set => _scoreOutputName = OptionalName(value, nameof(ScoreOutputName)); }

    /// <summary>
    /// Classification only: divide the logits by <see cref="MlpSnapshot.Temperature"/> before the score,
    /// probability and predicted-label outputs (the raw output is never scaled). Default true.
    /// </summary>
    public bool ApplyTemperature { get; set; } = true;

    /// <summary>
    /// Classification only: output holding probabilities of the (temperature-scaled) score: sigmoid, P(y = 1), for
    /// binary (W = 1); softmax over the K classes for multiclass (W = K). Default null (not emitted).
    /// </summary>
    public string? ProbabilityOutputName { get => _probabilityOutputName; set => _probabilityOutputName = OptionalName(value, nameof(ProbabilityOutputName)); }

    /// <summary>
    /// Classification only: output holding the predicted class index (W = 1): the argmax of the logits for
    /// multiclass (first index on ties, as ONNX ArgMax), 1 if the logit is &gt; 0 else 0 for binary. Element type
    /// from <see cref="PredictedLabelType"/>. Default null (not emitted).
    /// </summary>
    public string? PredictedLabelOutputName { get => _predictedLabelOutputName; set => _predictedLabelOutputName = OptionalName(value, nameof(PredictedLabelOutputName)); }

    /// <summary>Element type of the predicted-label output. Default <see cref="OnnxLabelType.Int64"/>.</summary>
    public OnnxLabelType PredictedLabelType { get => _predictedLabelType; set => _predictedLabelType = OptionGuard.Defined(value, nameof(PredictedLabelType)); }

    /// <summary>
    /// Write a piecewise-linear embedding without ReLU and the dense layer reading it folded into one table lookup
    /// per feature, as managed scoring does (same values to float rounding). Default false: measured on the
    /// tabular-defaults bench model (50 features, 48 bins, d = 16, 256 hidden; ONNX Runtime 1.31, 2 cores) the folded
    /// graph was not faster one row per call (63 vs 52 µs/row through a loaded PredictionEngine, 19.1k vs 19.2k
    /// rows/s in Transform) and halved 4,096-row batches (73k vs 154k rows/s): ONNX Runtime materializes the
    /// gathered [N, E, H] table rows, and the extra nodes cost more than the wide first layer saves.
    /// </summary>
    public bool FoldPiecewiseLinearEmbedding { get; set; }

    /// <summary>Declared shape of every output (see <see cref="OnnxOutputShape"/>). Default <see cref="OnnxOutputShape.BatchByWidth"/>, [N, W].</summary>
    public OnnxOutputShape OutputShape { get => _outputShape; set => _outputShape = OptionGuard.Defined(value, nameof(OutputShape)); }

    private static string RequireName(string? value, string option)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException(OptionGuard.Message(option, "a non-empty name", value is null ? "null" : $"'{value}'"), option);
        return value;
    }

    private static string? OptionalName(string? value, string option)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
            throw new ArgumentException(OptionGuard.Message(option, "a non-empty name or null", $"'{value}'"), option);
        return value;
    }
}
