using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Training;
using Microsoft.ML.OnnxRuntime;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// The trained network behind a <see cref="RegularizedMlpPredictionTransformer"/>: how training went, the network
/// as plain arrays (<see cref="Snapshot"/>), ONNX export and a fast batched scoring path.
/// </summary>
/// <remarks>
/// Scoring paths:
/// <list type="bullet">
/// <item><c>transformer.Transform</c> (so <c>Evaluate</c>, <c>CrossValidate</c>, PFI) scores blocks of rows per ONNX
/// Runtime call and <c>PredictionEngine</c> one row into buffers it owns; a model loaded with
/// <c>mlContext.Model.Load</c> runs ML.NET's OnnxTransformer, which calls ONNX Runtime once per row.</item>
/// <item><see cref="PredictBatch(float[], int)"/> and <see cref="PredictBatch(IDataView, string)"/> run one ONNX Runtime
/// InferenceSession on blocks of <see cref="BatchRows"/> rows and return plain arrays (no IDataView).</item>
/// </list>
/// Both paths run the same exported graph and agree to float rounding (≈1e-6).
/// This object holds a native ONNX Runtime session once <c>PredictBatch</c> has run: dispose it when done.
/// </remarks>
public sealed class RegularizedMlpModelParameters : IDisposable
{
    /// <summary>Rows per ONNX Runtime call in <see cref="PredictBatch(float[], int)"/>: 4096.</summary>
    public const int BatchRows = 4096;

    private readonly Lazy<InferenceSession> _session;
    private byte[]? _scoringOnnx;

    internal RegularizedMlpModelParameters(TrainingResult result, IReadOnlyList<string>? classNames)
    {
        Snapshot = result.Model;
        History = result.History;
        BestEpoch = result.BestEpoch;
        StopReason = result.StopReason;
        RefitEpochs = result.RefitEpochs;
        TrainingSeconds = result.Seconds;
        TemperatureScaling = result.TemperatureScaling;
        Settings = result.Settings;
        Warnings = result.Warnings;
        ClassNames = classNames;
        LayerSizes = Snapshot.LayersInEvaluationOrder().OfType<DenseLayer>().Select(d => d.OutputSize).Prepend(Snapshot.InputSize).ToList();
        _session = new Lazy<InferenceSession>(() => new InferenceSession(ScoringOnnx()), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// The fitted temperature with the NLL before and after (null when the model was not temperature-scaled):
    /// set by <c>CalibrateWithTemperature</c> or <see cref="RegularizedMlpPredictionTransformer.CalibrateTemperature"/>.
    /// </summary>
    public Metrics.TemperatureScalingResult? TemperatureScaling { get; }

    /// <summary>The values training used where an option is decided by a rule or by the data (batch size, warm-up, rows).</summary>
    public ResolvedSettings? Settings { get; }

    /// <summary>What training wants the user to know (a capped batch size, a small validation part, a model no better than the class prior or the mean); empty when all is well. See <see cref="TrainingResult.Warnings"/>.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The task the network was trained for.</summary>
    public TaskKind Task => Snapshot.Task;

    /// <summary>The trained network as plain arrays (best epoch's weights when restored; with <c>RefitOnAllRows</c>, the refit's).</summary>
    public MlpSnapshot Snapshot { get; }

    /// <summary>Metrics of every epoch that ran, in order.</summary>
    public IReadOnlyList<EpochMetrics> History { get; }

    /// <summary>1-based epoch whose weights the model holds (with <c>RefitOnAllRows</c>: the epochs the refit on all rows ran).</summary>
    public int BestEpoch { get; }

    /// <summary>
    /// With <c>RefitOnAllRows</c> (the default): the epochs the refit on all the training rows ran, whose weights
    /// <see cref="Snapshot"/> holds; null when there was no refit (a validation set was passed, or the option is off).
    /// <see cref="History"/> is the first run's, on the rows left after the validation split.
    /// </summary>
    public int? RefitEpochs { get; }

    /// <summary>Why training ended.</summary>
    public StopReason StopReason { get; }

    /// <summary>Seconds the engine spent training (epochs, restore and the refit on all rows; not the IDataView read).</summary>
    public double TrainingSeconds { get; }

    /// <summary>Widths of the dense layers: input features, each hidden layer, outputs.</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    /// <summary>Multiclass only: class names in key order (the label's key values as text); null for the other tasks.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>Number of input features.</summary>
    public int InputSize => Snapshot.InputSize;

    /// <summary>Values per row returned by <see cref="PredictBatch(float[], int)"/>: K for multiclass, otherwise 1.</summary>
    public int OutputWidth => Task == TaskKind.MulticlassClassification ? Snapshot.OutputSize : 1;

    /// <summary>
    /// Writes the network as an ONNX model (opset 17) with input "Features" [N, InputSize] and outputs "Score"
    /// [N, W] (binary: logit/T; multiclass: logits/T; regression: prediction in label units) and, for
    /// classification, "Probability" [N, W] (sigmoid or softmax). This is also the graph <see cref="PredictBatch(float[], int)"/> runs.
    /// </summary>
    /// <param name="stream">Destination; written from its current position, not closed.</param>
    public void ExportOnnx(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = ScoringOnnx();
        stream.Write(bytes, 0, bytes.Length);
    }

    /// <summary>
    /// Scores <paramref name="rowCount"/> rows of row-major features with ONNX Runtime, <see cref="BatchRows"/> rows
    /// per call. Returns <paramref name="rowCount"/> × <see cref="OutputWidth"/> values: P(true) for binary, the class
    /// probabilities for multiclass, the prediction for regression (the same values as the chain's
    /// Probability / Score columns).
    /// </summary>
    /// <param name="features">rowCount × <see cref="InputSize"/> values, transformed exactly like the training features.</param>
    /// <param name="rowCount">Number of rows, ≥ 0.</param>
    public float[] PredictBatch(float[] features, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        int d = InputSize, w = OutputWidth;
        if ((long)rowCount * d != features.LongLength)
            throw new ArgumentException($"features has {features.LongLength} values; expected rowCount × InputSize = {rowCount} × {d}.", nameof(features));
        var result = new float[(long)rowCount * w];
        var session = _session.Value;
        string output = Task == TaskKind.Regression ? "Score" : "Probability";
        for (int start = 0; start < rowCount; start += BatchRows)
        {
            int rows = Math.Min(BatchRows, rowCount - start);
            var slice = new Memory<float>(features, start * d, rows * d);
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, slice, new long[] { rows, d });
            using var outputs = session.Run(new RunOptions(), new[] { "Features" }, new[] { input }, new[] { output });
            outputs[0].GetTensorDataAsSpan<float>().CopyTo(result.AsSpan(start * w, rows * w));
        }
        return result;
    }

    /// <summary>
    /// Reads the feature column of <paramref name="data"/> (one cursor pass) and scores it with
    /// <see cref="PredictBatch(float[], int)"/>.
    /// </summary>
    /// <param name="data">Data with the feature column, already transformed like the training data.</param>
    /// <param name="featureColumnName">The feature column. Default "Features".</param>
    public float[] PredictBatch(IDataView data, string featureColumnName = "Features")
    {
        ArgumentNullException.ThrowIfNull(data);
        var column = data.Schema.GetColumnOrNull(featureColumnName)
            ?? throw Data.InputErrors.SchemaMismatch(Data.InputErrors.FeatureColumnMissing(featureColumnName, "scoring", Data.InputErrors.Names(data.Schema)));
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType n, Size: var size } || n.RawType != typeof(float) || size != InputSize)
            throw Data.InputErrors.SchemaMismatch($"Feature column '{featureColumnName}' has type {column.Type}; this model needs a vector of {InputSize} Single values.");
        int d = InputSize;
        long? known = data.GetRowCount();
        var features = new float[(known ?? 1024) * d];
        var row = default(VBuffer<float>);
        int count = 0;
        using (var cursor = data.GetRowCursor(new[] { column }))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            while (cursor.MoveNext())
            {
                if ((long)(count + 1) * d > features.LongLength)
                    Array.Resize(ref features, checked(Math.Max(features.Length * 2, (count + 1) * d)));
                getter(ref row);
                row.CopyTo(features.AsSpan(count * d, d));
                count++;
            }
        }
        if ((long)count * d != features.LongLength)
            Array.Resize(ref features, count * d);
        return PredictBatch(features, count);
    }

    /// <summary>Releases the ONNX Runtime session, if one was created.</summary>
    public void Dispose()
    {
        if (_session.IsValueCreated) _session.Value.Dispose();
    }

    private byte[] ScoringOnnx() => _scoringOnnx ??= OnnxExporter.Export(Snapshot, new OnnxExportOptions
    {
        InputName = "Features",
        RawOutputName = null,
        ScoreOutputName = "Score",
        ProbabilityOutputName = Task == TaskKind.Regression ? null : "Probability",
        OutputShape = OnnxOutputShape.BatchByWidth,
    });
}
