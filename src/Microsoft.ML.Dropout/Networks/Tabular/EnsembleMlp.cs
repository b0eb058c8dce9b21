using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Modules;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// TabM (Gorishniy et al. 2024): k MLPs sharing their weights, trained together. Every member sees the whole row
/// (<see cref="EnsembleView"/>); hidden blocks are Linear → activation → dropout, where Linear is a
/// <see cref="BatchEnsembleLinear"/> (<see cref="EnsembleKind.BatchEnsemble"/>: first-layer input adapters random,
/// the others ones, as TabM) or a shared nn.Linear after one <see cref="EnsembleScale"/> (<see cref="EnsembleKind.Mini"/>);
/// each member has its own output head (<see cref="LinearEnsemble"/>). The activation may be RealMLP-TD's
/// <see cref="ParametricActivation"/>, whose α the members share. With LayerNorm, each member's row is
/// normalized on its own (Linear → LayerNorm → activation → dropout); BatchNorm is refused. With residual blocks,
/// a hidden layer whose width equals the previous one computes x + drop_path(block(x)) for every member, and
/// DropPath decides per (row, member), so members stay independent models as they are under dropout.
/// </summary>
/// <remarks>
/// In training mode forward returns the members' outputs as [N·k, out] (row n·k + i is member i of row n), so the
/// loss on targets repeated k times (repeat_interleave) is the mean of the k members' losses — TabM trains on
/// that, not on the loss of the mean. In eval mode forward returns <see cref="EnsembleMean"/> of the members
/// [N, out]: the logit of the mean probability (binary), the log of the mean probabilities (multiclass) or the
/// mean output (regression). TabM itself uses no normalization.
/// </remarks>
public sealed class EnsembleMlp : nn.Module<Tensor, Tensor>
{
    private readonly EnsembleView view;
    private readonly EnsembleScale? scale;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> linears;
    private readonly ModuleList<InvertedDropout> dropouts;
    private readonly ModuleList<LayerNorm> norms;
    private readonly ModuleList<ParametricActivation> activations;
    private readonly ModuleList<DropPath> drop_paths;
    private readonly LinearEnsemble heads;
    private readonly EnsembleMean mean;
    private readonly int[] _widths;
    private readonly bool[] _residual;

    /// <summary>Why BatchNorm is refused, and the fix.</summary>
    internal const string BatchNormRefused =
        "Normalization = BatchNorm cannot be used with EnsembleSize > 1: the members would share batch statistics. Use Normalization = LayerNorm (per member) or None.";

    /// <summary>Creates the ensemble.</summary>
    /// <param name="inputSize">Input width ≥ 1.</param>
    /// <param name="outputSize">Outputs per member (1 for binary and regression, K for multiclass).</param>
    /// <param name="task">How the members' predictions are averaged.</param>
    /// <param name="hiddenLayers">Hidden widths (≥ 1 layer). TabM: 3 × 512.</param>
    /// <param name="activation">Hidden activation. TabM: ReLU.</param>
    /// <param name="dropoutRate">Dropout after every hidden activation, [0, 1). TabM: 0.1.</param>
    /// <param name="members">k ≥ 1. TabM: 32.</param>
    /// <param name="kind">BatchEnsemble (TabM) or Mini (TabM-mini).</param>
    /// <param name="firstAdapter">How the first adapter starts. Default RandomSigns (TabM without embeddings; Normal with them).</param>
    /// <param name="normalization">None (TabM) or LayerNorm per member; BatchNorm throws. Default None.</param>
    /// <param name="parametricActivation">
    /// RealMLP-TD's x + α ⊙ (f(x) − x) instead of f, with one α per unit shared by the members (as they share the
    /// weights; only TabM's adapters and biases are per member). Default false.
    /// </param>
    /// <param name="residual">
    /// Every hidden layer after the first whose width equals the previous one is a residual block
    /// x + drop_path(block(x)), as in <see cref="MlpNetwork"/>. Default false.
    /// </param>
    /// <param name="dropPathRate">
    /// The largest DropPath rate, reached by the last residual block (the rates grow linearly from 0, as in
    /// <see cref="MlpNetwork"/>); each member of each row drops its branch on its own. Default 0; range [0, 1).
    /// </param>
    public EnsembleMlp(int inputSize, int outputSize, TaskKind task, IReadOnlyList<int> hiddenLayers, Activation activation,
        double dropoutRate, int members, EnsembleKind kind, AdapterInitialization firstAdapter = AdapterInitialization.RandomSigns,
        Normalization normalization = Normalization.None, bool parametricActivation = false, bool residual = false, double dropPathRate = 0)
        : base(nameof(EnsembleMlp))
    {
        ArgumentNullException.ThrowIfNull(hiddenLayers);
        InputSize = OptionGuard.AtLeast(inputSize, 1, nameof(inputSize));
        OutputSize = OptionGuard.AtLeast(outputSize, 1, nameof(outputSize));
        Members = OptionGuard.AtLeast(members, 1, "EnsembleSize");
        Kind = OptionGuard.Defined(kind, "EnsembleKind");
        Activation = OptionGuard.Defined(activation, nameof(Activation));
        if (OptionGuard.Defined(normalization, "Normalization") == Normalization.BatchNorm)
            throw new ArgumentException(BatchNormRefused, nameof(normalization));
        if (hiddenLayers.Count == 0)
            throw new ArgumentException("HiddenLayers needs at least one layer for an ensemble MLP.", nameof(hiddenLayers));
        _widths = hiddenLayers.Select(w => OptionGuard.AtLeast(w, 1, "HiddenLayers")).ToArray();
        _residual = _widths.Select((w, i) => residual && i > 0 && w == _widths[i - 1]).ToArray();
        drop_paths = new ModuleList<DropPath>(MlpNetwork.DropPathRatesFor(_residual, OptionGuard.Rate(dropPathRate, "DropPathRate"))
            .Where((_, i) => _residual[i]).Select(rate => new DropPath(rate)).ToArray());

        view = new EnsembleView(members, inputSize);
        if (kind == EnsembleKind.Mini)
            scale = new EnsembleScale(members, inputSize, firstAdapter);
        linears = new ModuleList<nn.Module<Tensor, Tensor>>();
        dropouts = new ModuleList<InvertedDropout>();
        norms = new ModuleList<LayerNorm>();
        activations = new ModuleList<ParametricActivation>();
        int width = inputSize;
        for (int i = 0; i < _widths.Length; i++)
        {
            linears.Add(kind == EnsembleKind.Mini
                ? nn.Linear(width, _widths[i])
                : new BatchEnsembleLinear(width, _widths[i], members, i == 0 ? firstAdapter : AdapterInitialization.Ones));
            dropouts.Add(new InvertedDropout(dropoutRate));
            if (normalization == Normalization.LayerNorm)
                norms.Add(nn.LayerNorm(_widths[i]));
            if (parametricActivation)
                activations.Add(new ParametricActivation(_widths[i], activation));
            width = _widths[i];
        }
        heads = new LinearEnsemble(width, outputSize, members);
        mean = new EnsembleMean(members, outputSize, task);
        RegisterComponents();
    }

    /// <summary>Input width.</summary>
    public int InputSize { get; }
    /// <summary>Outputs per member.</summary>
    public int OutputSize { get; }
    /// <summary>k.</summary>
    public int Members { get; }
    /// <summary>BatchEnsemble or Mini.</summary>
    public EnsembleKind Kind { get; }
    /// <summary>Hidden activation.</summary>
    public Activation Activation { get; }

    /// <summary>The dropout sites after each hidden activation (schedules set their rates).</summary>
    public IReadOnlyList<IDropoutSite> DropoutSites => dropouts.Cast<IDropoutSite>().ToArray();

    /// <summary>The fixed DropPath rate of each hidden layer (0 for layers that are not residual blocks).</summary>
    public IReadOnlyList<double> DropPathRates
    {
        get
        {
            int block = 0;
            return _residual.Select(r => r ? drop_paths[block++].Rate : 0).ToArray();
        }
    }

    /// <summary>Every member's output, [N, k, out].</summary>
    public Tensor MemberOutputs(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = view.forward(x);
        if (scale is not null) y = scale.forward(y);
        for (int i = 0, block = 0; i < _widths.Length; i++)
        {
            var input = y;
            y = linears[i].forward(y);
            if (norms.Count > 0) y = norms[i].forward(y);
            y = dropouts[i].forward(activations.Count > 0 ? activations[i].forward(y) : TorchActivation.Apply(Activation, y));
            if (_residual[i])                                    // one DropPath decision per (row, member)
                y = KeptScalars.Add(input, drop_paths[block++].forward(y.reshape(-1, _widths[i])).view_as(y));
        }
        return heads.forward(y).MoveToOuterDisposeScope();
    }

    /// <summary>Training: the members' outputs [N·k, out]; eval: their mean prediction [N, out].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var members = MemberOutputs(x);
        var y = training ? members.reshape(-1, OutputSize) : mean.forward(members);
        return y.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The members' mean prediction [N, out] with temperature T dividing every member's logits (see
    /// <see cref="EnsembleMean.Combine"/>); what a snapshot of this ensemble with <c>Temperature = T</c> scores.
    /// </summary>
    /// <param name="x">Input [N, InputSize].</param>
    /// <param name="temperature">T: finite, &gt; 0.</param>
    public Tensor Forward(Tensor x, double temperature)
    {
        using var scope = NewDisposeScope();
        return mean.Combine(MemberOutputs(x), temperature).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The ensemble as snapshot layers: view, (scale), per block a <see cref="BatchEnsembleLayer"/> (a Mini's shared
    /// Linear with unit adapters), (LayerNorm over each member's row,) activation and dropout site — inside a
    /// <see cref="ResidualBlock"/> "hidden{i}" for a residual layer — then the heads, the mean and an identity dense
    /// "score" layer (the output layer that affine post-processing folds into).
    /// </summary>
    public IReadOnlyList<SnapshotLayer> ToSnapshotLayers()
    {
        var layers = new List<SnapshotLayer> { view.ToSnapshot() };
        if (scale is not null) layers.Add(scale.ToSnapshot());
        int width = InputSize;
        for (int i = 0; i < _widths.Length; i++)
        {
            string name = $"hidden{i}";
            var body = new List<SnapshotLayer>
            {
                linears[i] switch
                {
                    BatchEnsembleLinear batch => batch.ToSnapshot($"{name}.linear"),
                    Linear shared => Shared($"{name}.linear", shared, width, _widths[i]),
                    _ => throw new InvalidOperationException("Unknown ensemble linear layer."),
                },
            };
            if (norms.Count > 0)
                body.Add(new EnsembleLayerNormLayer($"{name}.norm", Members, _widths[i], TensorArrays.ToArray(norms[i].weight!),
                    TensorArrays.ToArray(norms[i].bias!), (float)norms[i].eps));
            body.Add(activations.Count > 0 ? activations[i].ToSnapshot($"{name}.act", Members) : new ActivationLayer($"{name}.act", Activation));
            body.Add(new DropoutLayer($"{name}.dropout", DropoutKind.Standard, dropouts[i].Rate));
            if (_residual[i])
                layers.Add(new ResidualBlock(name, body));
            else
                layers.AddRange(body);
            width = _widths[i];
        }
        layers.Add(heads.ToSnapshot("output"));
        layers.Add(mean.ToSnapshot());
        layers.Add(Identity("score", OutputSize));
        return layers;
    }

    /// <summary>
    /// An identity dense layer after the mean: every snapshot ends in a dense output layer, which is where a consumer
    /// folds an affine post-processing (the ML.NET scoring chain folds its head compensation there).
    /// </summary>
    private static DenseLayer Identity(string name, int size)
    {
        var weight = new float[size * size];
        for (int i = 0; i < size; i++)
            weight[i * size + i] = 1;
        return new DenseLayer(name, size, size, weight, new float[size]);
    }

    /// <summary>A shared Linear as a BatchEnsemble layer whose adapters are ones and whose biases are equal.</summary>
    private BatchEnsembleLayer Shared(string name, Linear linear, int inputSize, int outputSize)
    {
        float[] bias = TensorArrays.ToArray(linear.bias!);
        return new BatchEnsembleLayer(name, Members, inputSize, outputSize, TensorArrays.ToArray(linear.weight!),
            Enumerable.Repeat(1f, Members * inputSize).ToArray(), Enumerable.Repeat(1f, Members * outputSize).ToArray(),
            Enumerable.Range(0, Members).SelectMany(_ => bias).ToArray());
    }
}
