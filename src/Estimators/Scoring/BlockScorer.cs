using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace Microsoft.ML.Dropout.Estimators.Scoring;

/// <summary>
/// Runs the scoring chain's ONNX graph (the network with the head's inverse folded in) on blocks of rows with one
/// ONNX Runtime call per block, and holds the chain's ML.NET head, which turns each row's network output into
/// Score/Probability/PredictedLabel exactly as the saved chain does. One ONNX Runtime session is created on first
/// use and shared: <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
/// may be called from many threads at once, and every caller brings its own buffers.
/// </summary>
internal sealed class BlockScorer
{
    /// <summary>Rows per ONNX Runtime call when a cursor scores a data view.</summary>
    internal const int BlockRows = 2048;

    private readonly byte[] _onnx;
    private readonly Lazy<InferenceSession> _session;
    private readonly Lazy<InferenceSession> _rowSession;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly RunOptions _runOptions = new();

    internal BlockScorer(byte[] onnx, string featureColumn, int inputSize, string outputName, int outputWidth,
        ITransformer head, DataViewType headInputType)
    {
        _onnx = onnx;
        FeatureColumn = featureColumn;
        InputSize = inputSize;
        OutputName = outputName;
        OutputWidth = outputWidth;
        Head = head;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(outputName, headInputType);
        HeadInputSchema = builder.ToSchema();
        _inputNames = new[] { featureColumn };
        _outputNames = new[] { outputName };
        _session = new Lazy<InferenceSession>(() => new InferenceSession(_onnx), LazyThreadSafetyMode.ExecutionAndPublication);
        // One row is too little work to share between threads: a single-threaded session avoids waking a thread pool per call.
        _rowSession = new Lazy<InferenceSession>(() =>
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
            return new InferenceSession(_onnx, options);
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The feature column the graph reads (its ONNX input has the same name).</summary>
    internal string FeatureColumn { get; }

    /// <summary>Features per row.</summary>
    internal int InputSize { get; }

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
    /// <paramref name="outputs"/> (rows × <see cref="OutputWidth"/>) with one ONNX Runtime call.
    /// </summary>
    internal void Score(float[] features, int rows, float[] outputs)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
            new Memory<float>(features, 0, rows * InputSize), new long[] { rows, InputSize });
        using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
            new Memory<float>(outputs, 0, rows * OutputWidth), OutputShape(rows));
        _session.Value.Run(_runOptions, _inputNames, new[] { input }, _outputNames, new[] { output });
    }

    /// <summary>Binds caller-owned tensors once, so that <see cref="Run(OrtIoBinding)"/> marshals no names per call.</summary>
    internal OrtIoBinding Bind(OrtValue input, OrtValue output)
    {
        var binding = _rowSession.Value.CreateIoBinding();
        binding.BindInput(FeatureColumn, input);
        binding.BindOutput(OutputName, output);
        return binding;
    }

    /// <summary>Runs the graph on tensors bound by <see cref="Bind"/>.</summary>
    internal void Run(OrtIoBinding binding) => _rowSession.Value.RunWithBinding(_runOptions, binding);

    /// <summary>The graph output's shape for <paramref name="rows"/> rows: [N] for one value per row, [N, K] otherwise.</summary>
    internal long[] OutputShape(int rows) => OutputWidth == 1 ? new long[] { rows } : new long[] { rows, OutputWidth };
}
