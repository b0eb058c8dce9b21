using Microsoft.ML.Dropout.Schedules;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// The modern tabular MLP: a fitted <see cref="TabularFront"/> (preprocessing, numeric embeddings, front scaling)
/// followed by the body — today's <see cref="MlpNetwork"/> when EnsembleSize = 1, or an <see cref="EnsembleMlp"/>
/// (TabM / TabM-mini) of k members. Input [N, F] raw features. Output: the body's (an ensemble returns k rows per
/// input row in training mode, see <see cref="RowsPerInputInTraining"/>).
/// </summary>
public sealed class TabularNetwork : nn.Module<Tensor, Tensor>
{
    private readonly TabularFront front;
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly double[] _targetRates;

    private TabularNetwork(TabularFront frontModule, nn.Module<Tensor, Tensor> bodyModule, int outputSize, double[] targetRates)
        : base(nameof(TabularNetwork))
    {
        front = frontModule;
        body = bodyModule;
        OutputSize = outputSize;
        _targetRates = targetRates;
        RegisterComponents();
    }

    /// <summary>Raw input width F.</summary>
    public int InputSize => front.FeatureCount;

    /// <summary>Outputs per row (1 for binary and regression, K for multiclass).</summary>
    public int OutputSize { get; }

    /// <summary>The front (preprocessing, embedding, front scaling).</summary>
    public TabularFront Front => front;

    /// <summary>The plain MLP body (EnsembleSize = 1), else null.</summary>
    public MlpNetwork? Mlp => body as MlpNetwork;

    /// <summary>The ensemble body (EnsembleSize &gt; 1), else null.</summary>
    public EnsembleMlp? Ensemble => body as EnsembleMlp;

    /// <summary>k in training mode (an ensemble returns every member's row; targets must be repeated k times), else 1.</summary>
    public int RowsPerInputInTraining => Ensemble is { } e && training ? e.Members : 1;

    /// <summary>
    /// Fits the front on the training rows and builds the body on its output width.
    /// </summary>
    /// <param name="rows">Row-major raw training features (rowCount × featureCount).</param>
    /// <param name="rowCount">Training rows, ≥ 2.</param>
    /// <param name="featureCount">Columns, ≥ 1.</param>
    /// <param name="outputSize">Raw outputs (1 for binary and regression, K for multiclass).</param>
    /// <param name="task">The task (how ensemble members are averaged).</param>
    /// <param name="architecture">Hidden layers and regularizers of the body.</param>
    /// <param name="frontOptions">What the front does.</param>
    /// <param name="ensembleSize">k ≥ 1; 1 = the plain MLP body. Default 1.</param>
    /// <param name="ensembleKind">BatchEnsemble (TabM) or Mini. Default BatchEnsemble.</param>
    /// <param name="binningTargets">The training rows' labels and weights, for target-aware bins (see <see cref="TabularFront.Fit"/>). Default null.</param>
    /// <exception cref="ArgumentException">An architecture option the ensemble body does not support is set (all are listed with their fix).</exception>
    public static TabularNetwork Build(float[] rows, int rowCount, int featureCount, int outputSize, TaskKind task,
        MlpArchitecture architecture, TabularFrontOptions frontOptions, int ensembleSize = 1, EnsembleKind ensembleKind = EnsembleKind.BatchEnsemble,
        BinningTargets? binningTargets = null)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(frontOptions);
        OptionGuard.AtLeast(ensembleSize, 1, "EnsembleSize");
        OptionGuard.Defined(ensembleKind, "EnsembleKind");
        architecture.Validate();
        if (ensembleSize > 1)
            CheckEnsembleArchitecture(architecture);
        var frontModule = TabularFront.Fit(rows, rowCount, featureCount, frontOptions, binningTargets);
        var targets = Enumerable.Range(0, architecture.HiddenLayers.Count).Select(architecture.TargetRate).ToArray();
        nn.Module<Tensor, Tensor> bodyModule = ensembleSize == 1
            ? MlpNetwork.Build(architecture, frontModule.OutputWidth, outputSize)
            : new EnsembleMlp(frontModule.OutputWidth, outputSize, task, architecture.HiddenLayers, architecture.Activation,
                targets[0], ensembleSize, ensembleKind,
                frontOptions.NumericEmbedding == NumericEmbeddingKind.None || frontModule.SkippedEmbeddableColumns > 0 ? AdapterInitialization.RandomSigns : AdapterInitialization.Normal,
                architecture.Normalization, architecture.ParametricActivation, architecture.Residual, architecture.DropPathRate);
        if (bodyModule is EnsembleMlp ensemble)
            for (int i = 0; i < targets.Length; i++)
                ensemble.DropoutSites[i].Rate = targets[i];
        return new TabularNetwork(frontModule, bodyModule, outputSize, targets);
    }

    /// <summary>Builds the network the architecture's tabular options describe (front, EnsembleSize, EnsembleKind).</summary>
    /// <param name="rows">Row-major raw training features (rowCount × featureCount).</param>
    /// <param name="rowCount">Training rows, ≥ 2.</param>
    /// <param name="featureCount">Columns, ≥ 1.</param>
    /// <param name="outputSize">Raw outputs.</param>
    /// <param name="task">The task.</param>
    /// <param name="architecture">Body and tabular options.</param>
    /// <param name="binningTargets">The training rows' labels and weights, for target-aware bins. Default null.</param>
    public static TabularNetwork Build(float[] rows, int rowCount, int featureCount, int outputSize, TaskKind task, MlpArchitecture architecture,
        BinningTargets? binningTargets = null)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return Build(rows, rowCount, featureCount, outputSize, task, architecture, architecture.ToTabularFrontOptions(),
            architecture.EnsembleSize, architecture.EnsembleKind, binningTargets);
    }

    /// <summary>Refuses the architecture options the ensemble body does not implement, all at once, with the fix.</summary>
    private static void CheckEnsembleArchitecture(MlpArchitecture a)
    {
        var errors = EnsembleConflicts(a);
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(Environment.NewLine, errors));
    }

    /// <summary>One message (with its fix) per architecture option the ensemble body does not implement.</summary>
    internal static List<string> EnsembleConflicts(MlpArchitecture a)
    {
        var errors = new List<string>();
        if (a.Normalization == Normalization.BatchNorm)
            errors.Add(EnsembleMlp.BatchNormRefused);
        if (a.InputDropoutRate > 0)
            errors.Add($"InputDropoutRate = {a.InputDropoutRate} is not supported with EnsembleSize > 1: set InputDropoutRate = 0.");
        if (a.DropoutKind != DropoutKind.Standard)
            errors.Add($"DropoutKind = {a.DropoutKind} is not supported with EnsembleSize > 1: use DropoutKind = Standard.");
        return errors;
    }

    /// <summary>Every ensemble member's output [N, k, OutputSize] for raw rows x [N, F].</summary>
    /// <exception cref="InvalidOperationException">The network is not an ensemble (EnsembleSize = 1).</exception>
    public Tensor MemberOutputs(Tensor x)
    {
        var ensemble = Ensemble ?? throw new InvalidOperationException("MemberOutputs needs an ensemble: this network has EnsembleSize = 1.");
        using var features = front.forward(x);
        return ensemble.MemberOutputs(features);
    }

    /// <summary>body(front(x)).</summary>
    public override Tensor forward(Tensor x)
    {
        using var features = front.forward(x);
        return body.forward(features);
    }

    /// <summary>The front's parameter-free stage (<see cref="TabularFront.PrepareInputs"/>): computed once per training row, not per epoch.</summary>
    internal Tensor PrepareInputs(Tensor x) => front.PrepareInputs(x);

    /// <summary><see cref="forward"/> from <see cref="PrepareInputs"/>'s output: the same values, bit for bit.</summary>
    internal Tensor ForwardPrepared(Tensor prepared)
    {
        using var scope = NewDisposeScope();
        return body.forward(front.ForwardPrepared(prepared)).MoveToOuterDisposeScope();
    }

    /// <summary><see cref="MemberOutputs"/> from <see cref="PrepareInputs"/>'s output.</summary>
    internal Tensor MemberOutputsPrepared(Tensor prepared)
    {
        var ensemble = Ensemble ?? throw new InvalidOperationException("MemberOutputs needs an ensemble: this network has EnsembleSize = 1.");
        using var scope = NewDisposeScope();
        return ensemble.MemberOutputs(front.ForwardPrepared(prepared)).MoveToOuterDisposeScope();
    }

    /// <summary>Sets the body's dropout sites for the epoch (see <see cref="MlpNetwork.ApplyDropoutSchedule"/>); returns the rates in force.</summary>
    /// <param name="schedule">The dropout schedule.</param>
    /// <param name="epoch">0-based epoch.</param>
    /// <param name="totalEpochs">Planned epochs.</param>
    public IReadOnlyList<double> ApplyDropoutSchedule(IDropoutSchedule schedule, int epoch, int totalEpochs)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (Mlp is { } mlp)
            return mlp.ApplyDropoutSchedule(schedule, epoch, totalEpochs);
        var sites = Ensemble!.DropoutSites;
        for (int i = 0; i < sites.Count; i++)
            sites[i].Rate = schedule.RateAt(epoch, totalEpochs, _targetRates[i]);
        return sites.Select(s => s.Rate).ToArray();
    }

    /// <summary>The whole network as plain arrays: the front's layers, then the body's.</summary>
    /// <param name="task">The task recorded in the snapshot.</param>
    public MlpSnapshot ToSnapshot(TaskKind task)
    {
        var layers = new List<SnapshotLayer>(front.ToSnapshotLayers());
        layers.AddRange(Mlp is { } mlp ? mlp.ToSnapshot(task).Layers : Ensemble!.ToSnapshotLayers());
        return new MlpSnapshot(InputSize, OutputSize, task, layers);
    }
}
