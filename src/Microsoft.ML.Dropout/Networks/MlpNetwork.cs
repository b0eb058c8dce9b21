using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Modules;
using Microsoft.ML.Dropout.Schedules;
using Microsoft.ML.Dropout.Snapshots;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks;

/// <summary>
/// The regularized multilayer perceptron built from an <see cref="MlpArchitecture"/>.
/// <para>
/// Structure and stable names (used for AdamW parameter groups and in snapshots):
/// an optional input dropout site "input_dropout" (present when <see cref="MlpArchitecture.InputDropoutRate"/> &gt; 0;
/// Gaussian for <see cref="DropoutKind.Gaussian"/>, alpha for <see cref="DropoutKind.Alpha"/>, otherwise standard
/// inverted dropout); then per hidden layer i a child "hidden{i}" holding "linear" → "norm" (LayerNorm or
/// BatchNorm1d, absent for <see cref="Normalization.None"/>) → "activation" (a <see cref="Tabular.ParametricActivation"/>
/// with parameter "hidden{i}.activation.weight" = α [width] when <see cref="MlpArchitecture.ParametricActivation"/>
/// is set) → "dropout" (the architecture's
/// <see cref="DropoutKind"/>); then the output layer "output" with no dropout after it. Parameters are therefore
/// "hidden0.linear.weight", "hidden0.linear.bias", "hidden0.norm.weight", "hidden0.norm.bias", …,
/// "output.weight", "output.bias" and, for concrete dropout, "hidden{i}.dropout.p_logit". Weight matrices are the
/// only parameters with two dimensions; biases, norm parameters and dropout logits are 1-D.
/// </para>
/// <para>
/// <see cref="DropoutKind.DropConnect"/> has no activation dropout: the site of hidden layer i is the NEXT linear
/// layer ("hidden{i+1}.linear", or "output" for the last hidden layer), a <see cref="DropConnectLinear"/> masking
/// its weights. With <see cref="MlpArchitecture.Residual"/>, every hidden layer after the first whose width equals
/// the previous width is a residual block x + drop_path(layer(x)); the drop_path rates grow linearly from 0 at the
/// first block to <see cref="MlpArchitecture.DropPathRate"/> at the last (a single block gets the maximum) and are
/// not scheduled. SELU without normalization uses LeCun-normal initialisation (N(0, 1/fan_in) weights, zero
/// biases); every other configuration keeps TorchSharp's default Linear initialisation.
/// </para>
/// </summary>
public sealed class MlpNetwork : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "input_dropout")]
    private readonly nn.Module<Tensor, Tensor>? _inputDropout;
    private readonly HiddenLayer[] _hidden;
    [ComponentName(Name = "output")]
    private readonly nn.Module<Tensor, Tensor> _output;
    private readonly SiteEntry[] _sites;
    private readonly DropoutKind _kind;
    private readonly DropoutKind _inputKind;
    private readonly Activation _activation;
    private readonly Normalization _normalization;
    private readonly bool _parametric;
    private readonly int[] _widths;
    private readonly double[] _dropPathRates;

    private sealed record SiteEntry(IDropoutSite Site, double TargetRate, ConcreteDropout? Concrete, Func<Tensor>? NextWeight, long InputDim);

    private MlpNetwork(MlpArchitecture architecture, int inputSize, int outputSize) : base(nameof(MlpNetwork))
    {
        InputSize = inputSize;
        OutputSize = outputSize;
        _widths = architecture.HiddenLayers.ToArray();
        _kind = architecture.DropoutKind;
        _activation = architecture.Activation;
        _normalization = architecture.Normalization;
        _parametric = architecture.ParametricActivation;
        _inputKind = _kind switch
        {
            DropoutKind.Gaussian => DropoutKind.Gaussian,
            DropoutKind.Alpha => DropoutKind.Alpha,
            _ => DropoutKind.Standard,
        };
        var targets = Enumerable.Range(0, _widths.Length).Select(architecture.TargetRate).ToArray();
        var sites = new List<SiteEntry>();

        if (architecture.InputDropoutRate > 0)
        {
            var site = CreateActivationSite(_inputKind, architecture.InputDropoutRate);
            _inputDropout = site;
            register_module("input_dropout", site);
            sites.Add(new SiteEntry((IDropoutSite)site, architecture.InputDropoutRate, null, null, inputSize));
        }

        var residual = new bool[_widths.Length];
        for (int i = 1; i < residual.Length; i++)
            residual[i] = architecture.Residual && _widths[i] == _widths[i - 1];
        _dropPathRates = DropPathRatesFor(residual, architecture.DropPathRate);
        _hidden = BuildHiddenLayers(inputSize, targets, residual, sites);

        int lastWidth = _widths[^1];
        _output = _kind == DropoutKind.DropConnect
            ? new DropConnectLinear(lastWidth, outputSize, targets[^1])
            : nn.Linear(lastWidth, outputSize);
        register_module("output", _output);
        if (_kind == DropoutKind.DropConnect)
            sites.Add(new SiteEntry((DropConnectLinear)_output, targets[^1], null, null, lastWidth));
        else
            AddActivationSites(targets, sites);
        _sites = sites.ToArray();

        if (_activation == Activation.Selu && _normalization == Normalization.None)
            ApplyLecunNormalInit();
        RegisterComponents();
    }

    /// <summary>
    /// The DropPath rate of each hidden layer: 0 unless the layer is a residual block; over the blocks the rates grow
    /// linearly from 0 to <paramref name="maxRate"/> (a single block gets the maximum).
    /// </summary>
    internal static double[] DropPathRatesFor(bool[] residual, double maxRate)
    {
        int blocks = residual.Count(r => r);
        var rates = new double[residual.Length];
        for (int i = 0, block = 0; i < residual.Length; i++)
        {
            if (!residual[i])
                continue;
            rates[i] = blocks == 1 ? maxRate : maxRate * block / (blocks - 1);
            block++;
        }
        return rates;
    }

    /// <summary>Creates and registers "hidden{i}" in order; records the DropConnect sites (the next linear layers) in <paramref name="sites"/>.</summary>
    private HiddenLayer[] BuildHiddenLayers(int inputSize, double[] targets, bool[] residual, List<SiteEntry> sites)
    {
        var hidden = new HiddenLayer[_widths.Length];
        for (int i = 0; i < hidden.Length; i++)
        {
            int fanIn = i == 0 ? inputSize : _widths[i - 1];
            int width = _widths[i];
            nn.Module<Tensor, Tensor> linear = _kind == DropoutKind.DropConnect && i > 0
                ? new DropConnectLinear(fanIn, width, targets[i - 1])
                : nn.Linear(fanIn, width);
            nn.Module<Tensor, Tensor>? norm = _normalization switch
            {
                Normalization.LayerNorm => nn.LayerNorm(width),
                Normalization.BatchNorm => nn.BatchNorm1d(width),
                _ => null,
            };
            var dropout = _kind == DropoutKind.DropConnect ? null : CreateActivationSite(_kind, targets[i]);
            var dropPath = residual[i] ? new DropPath(_dropPathRates[i]) : null;
            hidden[i] = new HiddenLayer($"hidden{i}", linear, norm, CreateActivation(_activation, _parametric, width), dropout, dropPath);
            register_module($"hidden{i}", hidden[i]);
            if (i > 0 && _kind == DropoutKind.DropConnect)
                sites.Add(new SiteEntry((DropConnectLinear)linear, targets[i - 1], null, null, fanIn));
        }
        return hidden;
    }

    /// <summary>Records each hidden layer's activation dropout site; a concrete site also gets the weight of the layer that consumes its output.</summary>
    private void AddActivationSites(double[] targets, List<SiteEntry> sites)
    {
        for (int i = 0; i < _hidden.Length; i++)
        {
            var site = _hidden[i].Dropout!;
            var concrete = site as ConcreteDropout;
            int next = i + 1;
            Func<Tensor>? nextWeight = concrete is null ? null
                : next < _hidden.Length ? () => _hidden[next].LinearWeight : () => OutputWeight;
            sites.Add(new SiteEntry((IDropoutSite)site, targets[i], concrete, nextWeight, _widths[i]));
        }
    }

    /// <summary>Number of input features, ≥ 1.</summary>
    public int InputSize { get; }

    /// <summary>Number of raw outputs, ≥ 1.</summary>
    public int OutputSize { get; }

    /// <summary>True when the network has an input dropout site (first entry of <see cref="CurrentDropoutRates"/>).</summary>
    public bool HasInputDropout => _inputDropout is not null;

    /// <summary>
    /// The dropout sites in schedule order: the input site (if any), then one site per hidden layer, input side
    /// first. DropPath modules are not included.
    /// </summary>
    public IReadOnlyList<IDropoutSite> DropoutSites => _sites.Select(s => s.Site).ToArray();

    /// <summary>The configured (target) rate of each entry of <see cref="DropoutSites"/>.</summary>
    public IReadOnlyList<double> TargetDropoutRates => _sites.Select(s => s.TargetRate).ToArray();

    /// <summary>The rate now in force at each entry of <see cref="DropoutSites"/> (learned value for concrete dropout).</summary>
    public IReadOnlyList<double> CurrentDropoutRates => _sites.Select(s => s.Site.Rate).ToArray();

    /// <summary>The fixed DropPath rate of each hidden layer (0 for layers that are not residual blocks).</summary>
    public IReadOnlyList<double> DropPathRates => _dropPathRates.ToArray();

    /// <summary>
    /// Builds the network. Calls <see cref="MlpArchitecture.Validate"/> and copies the architecture, so later
    /// changes to it do not affect the network. Every dropout site starts at its target rate.
    /// </summary>
    /// <param name="architecture">The shape and regularizers.</param>
    /// <param name="inputSize">Number of input features; ≥ 1.</param>
    /// <param name="outputSize">Number of raw outputs (1 for binary classification and regression, K for K classes); ≥ 1.</param>
    public static MlpNetwork Build(MlpArchitecture architecture, int inputSize, int outputSize)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        OptionGuard.AtLeast(inputSize, 1, nameof(inputSize));
        OptionGuard.AtLeast(outputSize, 1, nameof(outputSize));
        architecture.Validate();
        return new MlpNetwork(architecture, inputSize, outputSize);
    }

    /// <summary>Runs the network: raw outputs (logits or standardized regression values), B×OutputSize.</summary>
    /// <param name="input">B×InputSize features.</param>
    public override Tensor forward(Tensor input)
    {
        var x = _inputDropout is null ? input.alias() : _inputDropout.forward(input);
        foreach (var layer in _hidden)
        {
            var next = layer.forward(x);
            x.Dispose();
            x = next;
        }
        var output = _output.forward(x);
        x.Dispose();
        return output;
    }

    /// <summary>
    /// Sets every scheduled dropout site to schedule.RateAt(epoch, totalEpochs, target), where the target is
    /// <see cref="MlpArchitecture.InputDropoutRate"/> for the input site and <see cref="MlpArchitecture.TargetRate"/>
    /// of layer i for hidden site i. Concrete-dropout sites learn their rate and are left alone; DropPath rates are
    /// fixed. Returns the rates now in force, in the order of <see cref="DropoutSites"/>.
    /// </summary>
    /// <param name="schedule">The dropout schedule.</param>
    /// <param name="epoch">0-based epoch; ≥ 0.</param>
    /// <param name="totalEpochs">Planned number of epochs; ≥ 1.</param>
    public IReadOnlyList<double> ApplyDropoutSchedule(IDropoutSchedule schedule, int epoch, int totalEpochs)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        foreach (var entry in _sites)
            if (entry.Concrete is null)
                entry.Site.Rate = schedule.RateAt(epoch, totalEpochs, entry.TargetRate);
        return CurrentDropoutRates;
    }

    /// <summary>
    /// Sets the concrete-dropout regularizer coefficients from the training-set size as Gal et al. recommend:
    /// weight regularizer l²/N and dropout regularizer 2/N. Without this call the module defaults (1e-6 and 1e-5)
    /// apply. No effect for other dropout kinds.
    /// </summary>
    /// <param name="trainingRows">N, the number of training rows; ≥ 1.</param>
    /// <param name="lengthScale">Prior length-scale l. Default 1e-4; &gt; 0.</param>
    public void ConfigureConcreteDropout(int trainingRows, double lengthScale = 1e-4)
    {
        OptionGuard.AtLeast(trainingRows, 1, nameof(trainingRows));
        OptionGuard.Positive(lengthScale, nameof(lengthScale));
        foreach (var entry in _sites)
        {
            if (entry.Concrete is null)
                continue;
            entry.Concrete.WeightRegularizer = lengthScale * lengthScale / trainingRows;
            entry.Concrete.DropoutRegularizer = 2.0 / trainingRows;
        }
    }

    /// <summary>
    /// Sum over the concrete-dropout sites of <see cref="ConcreteDropout.Regularization"/>, each with the weight of
    /// the layer that consumes the site's output and the site's width; add it to the training loss. A zero scalar
    /// tensor when the network has no concrete-dropout site.
    /// </summary>
    public Tensor ConcreteDropoutRegularization()
    {
        Tensor total = zeros(Array.Empty<long>());
        foreach (var entry in _sites)
        {
            if (entry.Concrete is null)
                continue;
            using var term = entry.Concrete.Regularization(entry.NextWeight!(), entry.InputDim);
            var sum = KeptScalars.Add(total, term);
            total.Dispose();
            total = sum;
        }
        return total;
    }

    /// <summary>
    /// Copies the network into the TorchSharp-free export IR, as evaluated in eval mode. Layer order and names:
    /// "input_dropout" (if any); per hidden layer "hidden{i}.linear" (<see cref="DenseLayer"/>, eval-mode BatchNorm
    /// folded in exactly: W' = diag(s)·W, b' = s⊙(b − μ) + β with s = γ/√(σ² + ε)), "hidden{i}.norm"
    /// (<see cref="LayerNormLayer"/>, LayerNorm only), "hidden{i}.activation" (an <see cref="ActivationLayer"/>, or a
    /// <see cref="Snapshots.Tabular.ParametricActivationLayer"/> with the learned α), "hidden{i}.dropout"
    /// (<see cref="DropoutLayer"/> with the kind and the rate now in force); then "output". A residual hidden layer
    /// becomes a <see cref="ResidualBlock"/> named "hidden{i}" holding those layers. A DropConnect
    /// <see cref="DropoutLayer"/> is always placed immediately before the <see cref="DenseLayer"/> whose weights it
    /// masks (inside the next residual block's body when that layer is a residual block).
    /// </summary>
    /// <param name="task">The task the network is trained for; binary classification and regression need <see cref="OutputSize"/> = 1.</param>
    /// <exception cref="ArgumentException"><paramref name="task"/> needs one output but the network has several.</exception>
    public MlpSnapshot ToSnapshot(TaskKind task)
    {
        OptionGuard.Defined(task, nameof(task));
        if (task != TaskKind.MulticlassClassification && OutputSize != 1)
            throw new ArgumentException($"A {task} snapshot needs OutputSize = 1, but this network has {OutputSize} outputs: use TaskKind.MulticlassClassification or build the network with outputSize 1.", nameof(task));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var layers = new List<SnapshotLayer>();
        int siteIndex = 0;
        if (_inputDropout is not null)
            layers.Add(new DropoutLayer("input_dropout", _inputKind, _sites[siteIndex++].Site.Rate));

        DropoutLayer? pendingDropConnect = null;
        for (int i = 0; i < _hidden.Length; i++)
        {
            var layer = _hidden[i];
            var body = new List<SnapshotLayer>();
            if (pendingDropConnect is not null)
            {
                body.Add(pendingDropConnect);
                pendingDropConnect = null;
            }
            int fanIn = i == 0 ? InputSize : _widths[i - 1];
            body.Add(DenseFrom($"hidden{i}.linear", fanIn, _widths[i], layer.LinearWeight, layer.LinearBias, layer.Norm as TorchSharp.Modules.BatchNorm1d));
            if (layer.Norm is TorchSharp.Modules.LayerNorm layerNorm)
                body.Add(new LayerNormLayer($"hidden{i}.norm", _widths[i], ToArray(layerNorm.weight), ToArray(layerNorm.bias!), (float)layerNorm.eps));
            body.Add(layer.Activation is Tabular.ParametricActivation parametric
                ? parametric.ToSnapshot($"hidden{i}.activation")
                : new ActivationLayer($"hidden{i}.activation", _activation));
            var site = new DropoutLayer($"hidden{i}.dropout", _kind, _sites[siteIndex++].Site.Rate);
            if (_kind == DropoutKind.DropConnect)
                pendingDropConnect = site;
            else
                body.Add(site);

            if (layer.IsResidual)
                layers.Add(new ResidualBlock($"hidden{i}", body));
            else
                layers.AddRange(body);
        }
        if (pendingDropConnect is not null)
            layers.Add(pendingDropConnect);
        layers.Add(DenseFrom("output", _widths[^1], OutputSize, OutputWeight, OutputBias, null));
        return new MlpSnapshot(InputSize, OutputSize, task, layers);
    }

    private Tensor OutputWeight => LinearParameters.Weight(_output);

    private Tensor OutputBias => LinearParameters.Bias(_output);

    private static DenseLayer DenseFrom(string name, int inputSize, int outputSize, Tensor weight, Tensor bias, TorchSharp.Modules.BatchNorm1d? batchNorm)
    {
        float[] w = ToArray(weight);
        float[] b = ToArray(bias);
        if (batchNorm is null)
            return new DenseLayer(name, inputSize, outputSize, w, b);

        float[] mean = ToArray(batchNorm.running_mean!);
        float[] variance = ToArray(batchNorm.running_var!);
        float[]? gamma = batchNorm.weight is null ? null : ToArray(batchNorm.weight);
        float[]? beta = batchNorm.bias is null ? null : ToArray(batchNorm.bias);
        double eps = batchNorm.eps;
        var foldedW = new float[w.Length];
        var foldedB = new float[outputSize];
        for (int o = 0; o < outputSize; o++)
        {
            double s = (gamma?[o] ?? 1.0) / Math.Sqrt(variance[o] + eps);
            for (int k = 0; k < inputSize; k++)
                foldedW[o * inputSize + k] = (float)(s * w[o * inputSize + k]);
            foldedB[o] = (float)(s * (b[o] - mean[o]) + (beta?[o] ?? 0.0));
        }
        return new DenseLayer(name, inputSize, outputSize, foldedW, foldedB);
    }

    private static float[] ToArray(Tensor tensor)
    {
        using var copy = tensor.detach().to_type(ScalarType.Float32).cpu().contiguous();
        return copy.data<float>().ToArray();
    }

    private static nn.Module<Tensor, Tensor> CreateActivationSite(DropoutKind kind, double rate) => kind switch
    {
        DropoutKind.Standard => new InvertedDropout(rate),
        DropoutKind.Gaussian => new GaussianDropout(rate),
        DropoutKind.Alpha => new SeluAlphaDropout(rate),
        DropoutKind.Concrete => new ConcreteDropout(rate),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "DropConnect has no activation site."),
    };

    /// <summary>f, or x + α ⊙ (f(x) − x) with α learned per unit when <paramref name="parametric"/> (RealMLP-TD).</summary>
    private static nn.Module<Tensor, Tensor> CreateActivation(Activation activation, bool parametric, int width)
    {
        if (parametric)
            return new Tabular.ParametricActivation(width, activation);
        return activation switch
        {
            Activation.Relu => nn.ReLU(),
            Activation.Gelu => nn.GELU(),
            Activation.Selu => nn.SELU(),
            Activation.Silu => nn.SiLU(),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
        };
    }

    private void ApplyLecunNormalInit()
    {
        using var noGrad = no_grad();
        var linears = _hidden.Select(h => (h.LinearWeight, h.LinearBias)).Append((OutputWeight, OutputBias));
        foreach (var (weight, bias) in linears)
        {
            nn.init.normal_(weight, 0, 1 / Math.Sqrt(weight.shape[1]));
            bias.zero_();
        }
    }
}
