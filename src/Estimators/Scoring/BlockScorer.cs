using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.OnnxRuntime;

namespace Microsoft.ML.Dropout.Estimators.Scoring;

/// <summary>
/// Runs the scoring chain's ONNX graph (the network with the head's inverse folded in) on blocks of rows with one
/// ONNX Runtime call per block, evaluates the same network in managed code on single rows (<see cref="RowEvaluator"/>),
/// also for blocks when the managed evaluator folds a piecewise-linear embedding into the first dense layer
/// (<see cref="SnapshotRowEvaluator.FoldsEmbedding"/>: then a row costs a table lookup per feature there, against
/// ONNX Runtime's full embedding and wide first layer),
/// and holds the chain's ML.NET head, which turns each row's network output into Score/Probability/PredictedLabel
/// exactly as the saved chain does. One ONNX Runtime session is created on first
/// use and shared: <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
/// may be called from many threads at once, and every caller brings its own buffers.
/// </summary>
internal sealed class BlockScorer
{
    /// <summary>Rows per ONNX Runtime call when a cursor scores a data view.</summary>
    internal const int BlockRows = 2048;

    private readonly byte[] _onnx;
    private readonly Lazy<InferenceSession> _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly RunOptions _runOptions = new();
    /// <summary>Evaluators with their own buffers that no thread is using, for <see cref="ScoreManaged"/>.</summary>
    private readonly System.Collections.Concurrent.ConcurrentBag<SnapshotRowEvaluator> _idleEvaluators = new();

    /// <param name="network">The network the graph was exported from (the head's inverse folded in).</param>
    /// <param name="onnx">The graph: input <paramref name="featureColumn"/>, output <paramref name="outputName"/>.</param>
    /// <param name="featureColumn">The feature column, also the graph's input name.</param>
    /// <param name="outputName">The graph's output, also the head's feature column.</param>
    /// <param name="head">The chain's fitted ML.NET head.</param>
    /// <param name="headInputType">The type OnnxTransformer gives the graph output.</param>
    internal BlockScorer(MlpSnapshot network, byte[] onnx, string featureColumn, string outputName, ITransformer head, DataViewType headInputType)
    {
        _onnx = onnx;
        FeatureColumn = featureColumn;
        InputSize = network.InputSize;
        OutputName = outputName;
        OutputWidth = network.OutputSize;
        Head = head;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(outputName, headInputType);
        HeadInputSchema = builder.ToSchema();
        _inputNames = new[] { featureColumn };
        _outputNames = new[] { outputName };
        _session = new Lazy<InferenceSession>(() => new InferenceSession(_onnx), LazyThreadSafetyMode.ExecutionAndPublication);
        RowEvaluator = new SnapshotRowEvaluator(network);
    }

    /// <summary>The feature column the graph reads (its ONNX input has the same name).</summary>
    internal string FeatureColumn { get; }

    /// <summary>Features per row.</summary>
    internal int InputSize { get; }

    /// <summary>
    /// The same network as the graph, evaluated in managed code one row at a time (bit-identical to the engine's
    /// evaluator, within float rounding of ONNX Runtime): for PredictionEngine, where an ONNX Runtime call per row
    /// costs more than the row's arithmetic. Each scored row takes its own buffers from it.
    /// </summary>
    internal SnapshotRowEvaluator RowEvaluator { get; }

    /// <summary>Name of the graph output, which is also the head's feature column.</summary>
    internal string OutputName { get; }

    /// <summary>Values per row of the graph output (1, or K for multiclass).</summary>
    internal int OutputWidth { get; }

    /// <summary>The chain's fitted ML.NET head.</summary>
    internal ITransformer Head { get; }

    /// <summary>A schema with the one column the head reads, of the type OnnxTransformer gives it.</summary>
    internal DataViewSchema HeadInputSchema { get; }

    /// <summary>
    /// Scores <paramref name="rows"/> rows of <paramref name="features"/> (row-major) into
    /// <paramref name="outputs"/> (rows × <see cref="OutputWidth"/>): with one ONNX Runtime call, or, when the managed
    /// evaluator folds the embedding, row by row in managed code on up to one thread per core. Safe to call from
    /// several threads at once with different buffers.
    /// </summary>
    internal void Score(Memory<float> features, int rows, Memory<float> outputs)
    {
        if (RowEvaluator.FoldsEmbedding)
        {
            ScoreManaged(features, rows, outputs);
            return;
        }
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
            features[..(rows * InputSize)], new long[] { rows, InputSize });
        using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
            outputs[..(rows * OutputWidth)], OutputShape(rows));
        _session.Value.Run(_runOptions, _inputNames, new[] { input }, _outputNames, new[] { output });
    }

    /// <summary>Rows per parallel chunk of <see cref="ScoreManaged"/>: enough work to pay for a task and to share each feature's folded table between rows, few enough that the chunk's first-layer outputs (256 rows × H) stay in the core's cache.</summary>
    private const int ManagedChunkRows = 256;

    /// <summary>
    /// The rows in chunks of <see cref="ManagedChunkRows"/>, each chunk in one <see cref="SnapshotRowEvaluator.ForwardRows"/>
    /// call on an evaluator no other thread is using (the prepared weights are shared): taken from
    /// <see cref="_idleEvaluators"/> and put back, so that the chunks' buffers (≈ 300 KB each) are not allocated per block.
    /// </summary>
    private void ScoreManaged(Memory<float> features, int rows, Memory<float> outputs)
    {
        int chunks = (rows + ManagedChunkRows - 1) / ManagedChunkRows;
        void ScoreChunk(int chunk)
        {
            int start = chunk * ManagedChunkRows, count = Math.Min(rows - start, ManagedChunkRows);
            if (!_idleEvaluators.TryTake(out var evaluator))
                evaluator = RowEvaluator.WithOwnBuffers();
            evaluator.ForwardRows(features.Span.Slice(start * InputSize, count * InputSize), count, outputs.Span.Slice(start * OutputWidth, count * OutputWidth));
            _idleEvaluators.Add(evaluator);
        }
        if (chunks == 1)
            ScoreChunk(0);
        else
            Parallel.For(0, chunks, ScoreChunk);
    }

    /// <summary>The graph output's shape for <paramref name="rows"/> rows: [N] for one value per row, [N, K] otherwise.</summary>
    private long[] OutputShape(int rows) => OutputWidth == 1 ? new long[] { rows } : new long[] { rows, OutputWidth };
}
