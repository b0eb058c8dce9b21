using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// The tabular front of a network, fitted on the training rows: preprocessing (NaN → median first) → numeric
/// embedding of the columns with three or more distinct values → front scaling, each only when its option is
/// on. Input [N, F] raw features; output [N, <see cref="OutputWidth"/>], what the first hidden layer reads.
/// </summary>
public sealed class TabularFront : nn.Module<Tensor, Tensor>
{
    private readonly PreprocessingModule? preprocessing;
    private readonly nn.Module<Tensor, Tensor>? embedding;
    private readonly FrontScale? front_scale;

    private TabularFront(int featureCount, int outputWidth, PreprocessingModule? preprocessingModule,
        nn.Module<Tensor, Tensor>? embeddingModule, FrontScale? frontScale) : base(nameof(TabularFront))
    {
        FeatureCount = featureCount;
        OutputWidth = outputWidth;
        preprocessing = preprocessingModule;
        embedding = embeddingModule;
        front_scale = frontScale;
        RegisterComponents();
    }

    /// <summary>Raw input width F.</summary>
    public int FeatureCount { get; }

    /// <summary>
    /// The embeddable columns left unembedded because there were more than <see cref="TabularFrontOptions.MaxEmbeddedColumns"/>
    /// of them, or than its rule allows for the training rows (0 when the embedding ran or was off).
    /// </summary>
    public int SkippedEmbeddableColumns { get; private init; }

    /// <summary>Width after the front (what the first hidden layer reads).</summary>
    public int OutputWidth { get; }

    /// <summary>
    /// Fits the front on the training rows: the preprocessing statistics, then (on the preprocessed rows) the
    /// embeddable columns and piecewise-linear bins; initialises the trainable parts from TorchSharp's generator.
    /// </summary>
    /// <param name="rows">Row-major raw training features (rowCount × featureCount); NaN allowed when preprocessing is on.</param>
    /// <param name="rowCount">Training rows, ≥ 2.</param>
    /// <param name="featureCount">Columns, ≥ 1.</param>
    /// <param name="options">What to fit.</param>
    /// <param name="targets">
    /// The training rows' labels and weights; needed only for <see cref="PiecewiseLinearBinning.TargetAware"/> bins.
    /// Default null.
    /// </param>
    /// <exception cref="ArgumentException">Target-aware bins are asked for without <paramref name="targets"/>.</exception>
    public static TabularFront Fit(float[] rows, int rowCount, int featureCount, TabularFrontOptions options, BinningTargets? targets = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        PreprocessingModule? pre = null;
        float[] processed = rows;
        if (options.Preprocessing != FeaturePreprocessing.None)
        {
            pre = new PreprocessingModule(FeaturePreprocessor.Fit(rows, rowCount, featureCount, options.Preprocessing));
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            processed = pre.forward(tensor(rows, new long[] { rowCount, featureCount })).data<float>().ToArray();
        }
        int width = featureCount;
        nn.Module<Tensor, Tensor>? embed = null;
        int[] columns = options.NumericEmbedding == NumericEmbeddingKind.None ? Array.Empty<int>() : TabularColumns.Embeddable(processed, rowCount, featureCount);
        int skipped = 0;
        if (columns.Length > (options.MaxEmbeddedColumns ?? EmbeddedColumnsRule.MaxColumns(rowCount)))
        {
            skipped = columns.Length;
            columns = Array.Empty<int>();
        }
        if (columns.Length > 0)
        {
            width = columns.Length * options.EmbeddingDimension + featureCount - columns.Length;
            embed = options.NumericEmbedding == NumericEmbeddingKind.Periodic
                ? new PeriodicEmbedding(featureCount, columns, options.EmbeddingDimension, options.PeriodicFrequencies, options.PeriodicSigma, options.PeriodicLite)
                : new PiecewiseLinearEmbedding(featureCount, columns, Edges(processed, rowCount, featureCount, columns, options, targets), options.EmbeddingDimension);
        }
        var scale = options.FrontScale ? new FrontScale(width, options.FrontScaleLearningRateFactor) : null;
        return new TabularFront(featureCount, width, pre, embed, scale) { SkippedEmbeddableColumns = skipped };
    }

    /// <summary>The piecewise-linear bin edges of the embedded columns, computed on the (preprocessed) training rows as the options ask.</summary>
    private static float[][] Edges(float[] processed, int rowCount, int featureCount, int[] columns, TabularFrontOptions options, BinningTargets? targets)
    {
        var binning = options.PiecewiseLinearBinning ?? ByTask(targets);
        if (binning == PiecewiseLinearBinning.Quantile)
            return PiecewiseLinearBins.Compute(processed, rowCount, featureCount, columns, options.PiecewiseLinearBins);
        if (targets is null)
            throw new ArgumentException(
                "PiecewiseLinearBinning = TargetAware needs the training labels: pass targets to TabularFront.Fit (or TabularNetwork.Build), or set PiecewiseLinearBinning = Quantile.",
                nameof(targets));
        return TargetAwareBins.Compute(processed, rowCount, featureCount, columns, targets, options.PiecewiseLinearBins);
    }

    /// <summary>The default bins (binning not set): target-aware for classification when the labels are given, quantile otherwise.</summary>
    private static PiecewiseLinearBinning ByTask(BinningTargets? targets) =>
        targets is not null && targets.Task != TaskKind.Regression ? Dropout.Defaults.ClassificationPiecewiseLinearBinning : Dropout.Defaults.PiecewiseLinearBinning;

    /// <summary>x [N, F] → [N, OutputWidth]: <see cref="ForwardPrepared"/> of <see cref="PrepareInputs"/>.</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var prepared = PrepareInputs(x);
        var y = ForwardPrepared(prepared);
        return (ReferenceEquals(y, x) ? x.alias() : y).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The front's parameter-free stage, row by row: the preprocessing (x itself when there is none). Training computes
    /// it once per row instead of once per minibatch and epoch; nothing in it has a gradient or draws random numbers.
    /// </summary>
    internal Tensor PrepareInputs(Tensor x) => preprocessing is null ? x : preprocessing.forward(x);

    /// <summary>The rest of the front (embedding, scale) on <see cref="PrepareInputs"/>'s output; p itself when nothing follows.</summary>
    internal Tensor ForwardPrepared(Tensor p)
    {
        using var scope = NewDisposeScope();
        var y = p;
        if (embedding is not null) y = embedding.forward(y);
        if (front_scale is not null) y = front_scale.forward(y);
        return ReferenceEquals(y, p) ? p : y.MoveToOuterDisposeScope();
    }

    /// <summary>The front's snapshot layers in order (empty when nothing is on).</summary>
    public IReadOnlyList<SnapshotLayer> ToSnapshotLayers()
    {
        var layers = new List<SnapshotLayer>();
        if (preprocessing is not null) layers.Add(preprocessing.Layer);
        if (embedding is PeriodicEmbedding periodic) layers.Add(periodic.ToSnapshot());
        if (embedding is PiecewiseLinearEmbedding piecewise) layers.Add(piecewise.ToSnapshot());
        if (front_scale is not null) layers.Add(front_scale.ToSnapshot());
        return layers;
    }
}
