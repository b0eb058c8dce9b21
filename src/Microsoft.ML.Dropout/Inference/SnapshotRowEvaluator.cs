using System.Runtime.CompilerServices;
using Microsoft.ML.Dropout.Inference.Tabular;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Inference;

/// <summary>
/// Evaluation-mode forward pass of one row at a time, for latency-bound scoring (e.g. ML.NET's PredictionEngine):
/// the snapshot is validated once and every call reuses buffers this instance owns, so a call allocates nothing.
/// The values equal <see cref="SnapshotEvaluator.Forward"/>'s to float rounding (dense layers through weights packed
/// once for a register-blocked SIMD kernel, <c>PackedDenseWeights</c>; GELU at float precision in float arithmetic —
/// <c>ActivationMath.GeluFloatPrecision</c>, error ≤ 3e−7·|x|, about ONNX Runtime's float Erf — where the block
/// evaluator uses the exact series; a piecewise-linear embedding without ReLU folded with the dense layer after it
/// into one table lookup per feature, <c>PiecewiseLinearFoldedDense</c>, with a quantile preprocessing right before
/// it folded into the same lookup, <c>QuantileBinLookup</c>). An instance is not thread-safe: give each thread its own from
/// <see cref="WithOwnBuffers"/>, which shares the prepared layers. The per-call methods are compiled fully optimized
/// on first use: under load, tiered JIT can leave the first seconds of predictions on unoptimized code.
/// </summary>
public sealed class SnapshotRowEvaluator
{
    private readonly Step[] _steps;
    private readonly float[][] _buffers;
    private readonly int _outputBuffer;
    /// <summary>Index in <see cref="_steps"/> of the folded embedding (top level only), or −1.</summary>
    private readonly int _foldedStep;
    private float[] _blockInput = [];
    private float[] _blockOutput = [];
    private int[] _blockPositions = [];
    private float[] _blockFractions = [];
    /// <summary>Per buffer, <see cref="TailRows"/> rows of it, for the layers after the folded ones (allocated on the first block call).</summary>
    private float[][]? _tailBuffers;

    /// <summary>Rows that go together through the layers after the folded ones in <see cref="ForwardRows"/> (their buffers stay in the L1 cache; a dense layer takes them four at a time).</summary>
    private const int TailRows = 16;

    /// <summary>Prepares <paramref name="snapshot"/> for single-row evaluation.</summary>
    /// <param name="snapshot">The network; validated here.</param>
    /// <exception cref="ArgumentException">The snapshot is invalid.</exception>
    public SnapshotRowEvaluator(MlpSnapshot snapshot)
    {
        SnapshotValidator.Validate(snapshot);
        InputSize = snapshot.InputSize;
        OutputSize = snapshot.OutputSize;
        var widths = new List<int> { InputSize };
        var steps = new List<Step>();
        _outputBuffer = Compile(snapshot.Layers, 0, widths, steps, topLevel: true);
        _steps = steps.ToArray();
        _foldedStep = Array.FindIndex(_steps, step => step is FoldedEmbeddingStep);
        _buffers = widths.Select(w => new float[w]).ToArray();
    }

    private SnapshotRowEvaluator(SnapshotRowEvaluator prepared)
    {
        InputSize = prepared.InputSize;
        OutputSize = prepared.OutputSize;
        _steps = prepared._steps;
        _foldedStep = prepared._foldedStep;
        _outputBuffer = prepared._outputBuffer;
        _buffers = prepared._buffers.Select(b => new float[b.Length]).ToArray();
    }

    /// <summary>Features per row.</summary>
    public int InputSize { get; }

    /// <summary>Raw outputs per row (1, or K for multiclass).</summary>
    public int OutputSize { get; }

    /// <summary>An evaluator over the same prepared weights with buffers of its own (one per thread).</summary>
    public SnapshotRowEvaluator WithOwnBuffers() => new(this);

    /// <summary>Writes the raw outputs of one row into <paramref name="output"/>.</summary>
    /// <param name="features"><see cref="InputSize"/> values.</param>
    /// <param name="output"><see cref="OutputSize"/> values.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<float> features, Span<float> output)
    {
        if (features.Length != InputSize)
            throw new ArgumentException($"'{nameof(features)}' must hold {InputSize} values. Received: {features.Length}.", nameof(features));
        if (output.Length != OutputSize)
            throw new ArgumentException($"'{nameof(output)}' must hold {OutputSize} values. Received: {output.Length}.", nameof(output));
        features.CopyTo(_buffers[0]);
        foreach (var step in _steps)
            step.Run(_buffers);
        _buffers[_outputBuffer].CopyTo(output);
    }

    /// <summary>
    /// Writes the raw outputs of <paramref name="rowCount"/> rows: the same values as <see cref="Forward"/> row by row.
    /// With a folded embedding (<see cref="FoldsEmbedding"/>) the layers before it run row by row, the folded layers
    /// over all the rows at once (each slice of the outputs summed over every feature in registers, so a slice of
    /// the tables stays in cache across the rows), and the layers after it over groups of 16 rows (dense layers
    /// four rows per weight load, LayerNorm and activations over the group). Buffers for the block are kept by this
    /// instance between calls.
    /// </summary>
    /// <param name="features"><paramref name="rowCount"/> × <see cref="InputSize"/> values, row-major.</param>
    /// <param name="rowCount">Rows, ≥ 0.</param>
    /// <param name="output"><paramref name="rowCount"/> × <see cref="OutputSize"/> values, row-major.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ForwardRows(ReadOnlySpan<float> features, int rowCount, Span<float> output)
    {
        OptionGuard.AtLeast(rowCount, 0, nameof(rowCount));
        if (features.Length != (long)rowCount * InputSize)
            throw new ArgumentException($"'{nameof(features)}' must hold rowCount × {InputSize} = {(long)rowCount * InputSize} values. Received: {features.Length}.", nameof(features));
        if (output.Length != (long)rowCount * OutputSize)
            throw new ArgumentException($"'{nameof(output)}' must hold rowCount × {OutputSize} = {(long)rowCount * OutputSize} values. Received: {output.Length}.", nameof(output));
        if (_foldedStep < 0 || rowCount == 0)
        {
            for (int r = 0; r < rowCount; r++)
                Forward(features.Slice(r * InputSize, InputSize), output.Slice(r * OutputSize, OutputSize));
            return;
        }
        var folded = (FoldedEmbeddingStep)_steps[_foldedStep];
        int inWidth = _buffers[folded.Input].Length, outWidth = _buffers[folded.Output].Length, embedded = folded.EmbeddedCount;
        if (_blockInput.Length < rowCount * inWidth) _blockInput = new float[rowCount * inWidth];
        if (_blockOutput.Length < rowCount * outWidth) _blockOutput = new float[rowCount * outWidth];
        if (_blockPositions.Length < rowCount * embedded)
        {
            _blockPositions = new int[rowCount * embedded];
            _blockFractions = new float[rowCount * embedded];
        }
        _tailBuffers ??= _buffers.Select(b => new float[TailRows * b.Length]).ToArray();
        for (int r = 0; r < rowCount; r++)
        {
            features.Slice(r * InputSize, InputSize).CopyTo(_buffers[0]);
            for (int s = 0; s < _foldedStep; s++)
                _steps[s].Run(_buffers);
            _buffers[folded.Input].CopyTo(_blockInput, r * inWidth);
        }
        folded.RunRows(_blockInput.AsSpan(0, rowCount * inWidth), rowCount, _blockOutput.AsSpan(0, rowCount * outWidth), _buffers,
            _blockPositions.AsSpan(0, rowCount * embedded), _blockFractions.AsSpan(0, rowCount * embedded));
        for (int first = 0; first < rowCount; first += TailRows)
        {
            int count = Math.Min(TailRows, rowCount - first);
            _blockOutput.AsSpan(first * outWidth, count * outWidth).CopyTo(_tailBuffers[folded.Output]);
            for (int s = _foldedStep + 1; s < _steps.Length; s++)
                _steps[s].RunRows(_tailBuffers, count, _buffers);
            _tailBuffers[_outputBuffer].AsSpan(0, count * OutputSize).CopyTo(output.Slice(first * OutputSize, count * OutputSize));
        }
    }

    /// <summary>Appends the steps of <paramref name="layers"/> reading buffer <paramref name="input"/>; returns the buffer holding their result.</summary>
    private static int Compile(IReadOnlyList<SnapshotLayer> layers, int input, List<int> widths, List<Step> steps, bool topLevel)
    {
        int current = input;
        for (int index = 0; index < layers.Count; index++)
        {
            var layer = layers[index];
            int width = widths[current];
            Step? step = layer switch
            {
                DropoutLayer => null,
                DenseLayer dense => new DenseStep(current, dense),
                LayerNormLayer norm => new LayerNormStep(current, norm),
                ActivationLayer activation => new ActivationStep(current, activation.Activation),
                ResidualBlock block => new ResidualStep(current, Compile(block.Body, current, widths, steps, topLevel: false)),
                PreprocessingLayer preprocessing when topLevel && index + 1 < layers.Count && layers[index + 1] is PiecewiseLinearEmbeddingLayer next
                    && QuantileBinLookup.Applies(preprocessing, next.Encoding) && PiecewiseLinearFoldTables.FoldableDense(layers, index + 1, next) is var (nextDense, nextDenseIndex) =>
                    Folded(current, next, nextDense, nextDenseIndex, ref index, widths, preprocessing),
                PreprocessingLayer preprocessing => new PreprocessingStep(current, preprocessing),
                PiecewiseLinearEmbeddingLayer embedding when topLevel && PiecewiseLinearFoldTables.FoldableDense(layers, index, embedding) is var (dense, denseIndex) =>
                    Folded(current, embedding, dense, denseIndex, ref index, widths, quantile: null),
                _ => new OtherLayerStep(current, width, layer),
            };
            if (step is null) continue;
            widths.Add(step.OutputWidth(width));
            current = widths.Count - 1;
            step.Output = current;
            steps.Add(step);
        }
        return current;
    }

    /// <summary>The folded step (with the quantile preprocessing before the embedding, when given); skips the layers up to the dense layer and reserves the step's scratch buffer.</summary>
    private static FoldedEmbeddingStep Folded(int input, PiecewiseLinearEmbeddingLayer embedding, DenseLayer dense, int denseIndex, ref int index, List<int> widths, PreprocessingLayer? quantile)
    {
        index = denseIndex;
        var folded = new PiecewiseLinearFoldedDense(embedding, dense, System.Numerics.Vector.IsHardwareAccelerated, quantile);
        widths.Add(folded.ScratchSize);
        return new FoldedEmbeddingStep(input, widths.Count - 1, folded);
    }

    /// <summary>
    /// Whether a piecewise-linear embedding (without ReLU, read directly by a dense layer) is evaluated folded into
    /// that dense layer: a table lookup per feature instead of the embedding and the wide first layer (and, with
    /// quantile preprocessing right before the embedding, one search per feature for both), which makes this
    /// evaluator faster per row than a batched ONNX Runtime call over the same network.
    /// </summary>
    public bool FoldsEmbedding => _steps.Any(step => step is FoldedEmbeddingStep);

    /// <summary>One layer: reads buffer <see cref="Input"/> and writes buffer <see cref="Output"/>.</summary>
    private abstract class Step(int input)
    {
        internal int Input { get; } = input;

        internal int Output { get; set; }

        internal virtual int OutputWidth(int inputWidth) => inputWidth;

        internal abstract void Run(float[][] buffers);

        /// <summary>
        /// The layer on <paramref name="rows"/> rows of <paramref name="block"/> (per buffer, rows × its width,
        /// row-major); this default runs <see cref="Run"/> row by row through <paramref name="rowBuffers"/>.
        /// </summary>
        internal virtual void RunRows(float[][] block, int rows, float[][] rowBuffers)
        {
            int inWidth = rowBuffers[Input].Length, outWidth = rowBuffers[Output].Length;
            for (int r = 0; r < rows; r++)
            {
                block[Input].AsSpan(r * inWidth, inWidth).CopyTo(rowBuffers[Input]);
                Run(rowBuffers);
                rowBuffers[Output].CopyTo(block[Output], r * outWidth);
            }
        }
    }

    /// <summary>A dense layer through its weights packed at load time (<see cref="PackedDenseWeights"/>).</summary>
    private sealed class DenseStep(int input, DenseLayer dense) : Step(input)
    {
        private readonly PackedDenseWeights _weights = new(dense);

        internal override int OutputWidth(int inputWidth) => dense.OutputSize;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal override void Run(float[][] buffers) => _weights.Forward(buffers[Input], buffers[Output]);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal override void RunRows(float[][] block, int rows, float[][] rowBuffers) =>
            _weights.ForwardRows(block[Input].AsSpan(0, rows * _weights.InputSize), rows, block[Output].AsSpan(0, rows * _weights.OutputSize));
    }

    private sealed class LayerNormStep(int input, LayerNormLayer norm) : Step(input)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal override void Run(float[][] buffers) => ForwardOps.LayerNorm(buffers[Input], 1, norm.Size, norm, buffers[Output]);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal override void RunRows(float[][] block, int rows, float[][] rowBuffers) =>
            ForwardOps.LayerNorm(block[Input].AsSpan(0, rows * norm.Size), rows, norm.Size, norm, block[Output]);
    }

    private sealed class ActivationStep(int input, Activation activation) : Step(input)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal override void Run(float[][] buffers) => ForwardOps.Activate(buffers[Input], activation, buffers[Output], floatPrecisionGelu: true);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal override void RunRows(float[][] block, int rows, float[][] rowBuffers)
        {
            // Row by row: a row's last values may be the scalar tail of the vector loop, computed as in Run.
            int width = rowBuffers[Input].Length;
            for (int r = 0; r < rows; r++)
                ForwardOps.Activate(block[Input].AsSpan(r * width, width), activation, block[Output].AsSpan(r * width, width), floatPrecisionGelu: true);
        }
    }

    /// <summary>A residual block's sum: the block's input plus its body's result (buffer <c>body</c>).</summary>
    private sealed class ResidualStep(int input, int body) : Step(input)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal override void Run(float[][] buffers) => ForwardOps.Add(buffers[Input], buffers[body], buffers[Output]);

        internal override void RunRows(float[][] block, int rows, float[][] rowBuffers)
        {
            int count = rows * rowBuffers[Input].Length;
            ForwardOps.Add(block[Input].AsSpan(0, count), block[body].AsSpan(0, count), block[Output].AsSpan(0, count));
        }
    }

    /// <summary>Feature preprocessing of the row (missing values filled, then quantile or robust scaling), without allocation.</summary>
    private sealed class PreprocessingStep(int input, PreprocessingLayer layer) : Step(input)
    {
        private readonly PreprocessingForward.Prepared _prepared = PreprocessingForward.Prepare(layer, buckets: true);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal override void Run(float[][] buffers) => PreprocessingForward.Row(layer, _prepared, buffers[Input], buffers[Output]);
    }

    /// <summary>A piecewise-linear embedding and the dense layer after it, run as one folded linear map (buffer <c>scratch</c> holds the passthrough columns).</summary>
    private sealed class FoldedEmbeddingStep(int input, int scratch, PiecewiseLinearFoldedDense folded) : Step(input)
    {
        internal override int OutputWidth(int inputWidth) => folded.OutputSize;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal override void Run(float[][] buffers) => folded.Forward(buffers[Input], buffers[Output], buffers[scratch]);

        /// <summary>Embedded features (a block call needs a position and a fraction per row and embedded feature).</summary>
        internal int EmbeddedCount => folded.EmbeddedCount;

        /// <summary>The folded layers over a block of rows (<see cref="PiecewiseLinearFoldedDense.ForwardRows"/>).</summary>
        internal void RunRows(ReadOnlySpan<float> x, int rowCount, Span<float> y, float[][] buffers, Span<int> positions, Span<float> fractions) =>
            folded.ForwardRows(x, rowCount, y, buffers[scratch], positions, fractions);
    }

    /// <summary>
    /// A layer type without a dedicated step (added by another part of the engine): run through
    /// <see cref="BlockForward"/>, which allocates its result; its width is found by running it once on zeros.
    /// </summary>
    private sealed class OtherLayerStep(int input, int inputWidth, SnapshotLayer layer) : Step(input)
    {
        private readonly SnapshotLayer[] _layers = { layer };

        internal override int OutputWidth(int width) => Apply(new float[inputWidth]).Length;

        internal override void Run(float[][] buffers) => Apply(buffers[Input]).CopyTo(buffers[Output], 0);

        private float[] Apply(float[] x) =>
            new BlockForward(1, inputWidth, new Dictionary<DenseLayer, float[]>(ReferenceEqualityComparer.Instance), false, default).Walk(_layers, x);
    }
}
