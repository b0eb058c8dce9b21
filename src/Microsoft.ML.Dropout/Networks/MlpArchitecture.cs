using System.Runtime.CompilerServices;

namespace Microsoft.ML.Dropout.Networks;

/// <summary>
/// The shape of a regularized MLP: Linear → Norm → Activation → Dropout per hidden layer, then a Linear output
/// layer with no dropout. Every setter validates its value and throws <see cref="ArgumentOutOfRangeException"/>
/// naming the option, the allowed range and the value received; <see cref="Validate"/> checks the options
/// against each other. The training options (<c>MlpTrainerOptions</c>) derive from this type, so the
/// architecture settings are declared once and read as flat properties. Defaults: <see cref="Dropout.Defaults"/>.
/// </summary>
public partial class MlpArchitecture
{
    private IReadOnlyList<int> _hiddenLayers = Dropout.Defaults.HiddenLayers;
    private IReadOnlyList<double>? _dropoutRates;
    private double _dropoutRate = Dropout.Defaults.DropoutRate;
    private double _inputDropoutRate = Dropout.Defaults.InputDropoutRate;
    private double _dropPathRate = Dropout.Defaults.DropPathRate;
    private Activation _activation = Dropout.Defaults.Activation;
    private Normalization _normalization = Dropout.Defaults.Normalization;
    private DropoutKind _dropoutKind = Dropout.Defaults.DropoutKind;

    /// <summary>Widths of the hidden layers, input side first. Default [256, 128]; at least one layer, each ≥ 1.</summary>
    public IReadOnlyList<int> HiddenLayers
    {
        get => _hiddenLayers;
        set
        {
            ArgumentNullException.ThrowIfNull(Writable(value), nameof(HiddenLayers));
            if (value.Count == 0)
                throw new ArgumentOutOfRangeException(nameof(HiddenLayers), OptionGuard.Message(nameof(HiddenLayers), "at least one hidden layer", "[]"));
            for (int i = 0; i < value.Count; i++)
                if (value[i] < 1)
                    throw new ArgumentOutOfRangeException(nameof(HiddenLayers),
                        OptionGuard.Message(nameof(HiddenLayers), "every width ≥ 1", $"[{string.Join(", ", value)}] (layer {i} has width {value[i]})"));
            _hiddenLayers = value.ToArray();
        }
    }

    /// <summary>Hidden activation. Default <see cref="Activation.Gelu"/>.</summary>
    public Activation Activation { get => _activation; set => _activation = OptionGuard.Defined(Writable(value), nameof(Activation)); }

    /// <summary>Normalization after each hidden Linear layer. Default <see cref="Normalization.LayerNorm"/> (BatchNorm is folded into the layer at export).</summary>
    public Normalization Normalization { get => _normalization; set => _normalization = OptionGuard.Defined(Writable(value), nameof(Normalization)); }

    /// <summary>
    /// Wrap hidden layers of equal width in residual blocks (x + block(x)), with DropPath on the branch; with
    /// EnsembleSize &gt; 1 every member has its blocks and DropPath decides per (row, member). Default false.
    /// </summary>
    public bool Residual { get; set => field = Writable(value); } = Dropout.Defaults.Residual;

    /// <summary>Target dropout rate of every hidden layer when <see cref="DropoutRates"/> is null. Default 0.3; range [0, 1).</summary>
    public double DropoutRate { get => _dropoutRate; set => _dropoutRate = OptionGuard.Rate(Writable(value), nameof(DropoutRate)); }

    /// <summary>
    /// Per-hidden-layer target rates, input side first (one per entry of <see cref="HiddenLayers"/>); overrides
    /// <see cref="DropoutRate"/>. Default null. Each in [0, 1). The output layer never gets dropout.
    /// </summary>
    public IReadOnlyList<double>? DropoutRates
    {
        get => _dropoutRates;
        set => _dropoutRates = OptionGuard.EachElement(Writable(value), OptionGuard.Rate, nameof(DropoutRates));
    }

    /// <summary>Dropout on the input features (0.1–0.2 is typical). Default 0; range [0, 1).</summary>
    public double InputDropoutRate { get => _inputDropoutRate; set => _inputDropoutRate = OptionGuard.Rate(Writable(value), nameof(InputDropoutRate)); }

    /// <summary>Which dropout variant the hidden layers use. Default <see cref="DropoutKind.Standard"/>.</summary>
    public DropoutKind DropoutKind { get => _dropoutKind; set => _dropoutKind = OptionGuard.Defined(Writable(value), nameof(DropoutKind)); }

    /// <summary>Maximum DropPath (stochastic depth) rate, reached by the last residual block; grows linearly from 0. Only with <see cref="Residual"/>. Default 0; range [0, 1).</summary>
    public double DropPathRate { get => _dropPathRate; set => _dropPathRate = OptionGuard.Rate(Writable(value), nameof(DropPathRate)); }

    /// <summary>
    /// True for a read-only instance: the copy of the options a training callback sees
    /// (<c>TrainingContext.Options</c>). Every option setter of a read-only instance throws
    /// <see cref="InvalidOperationException"/> naming the option, as System.Text.Json's options do once in use; reading
    /// is unchanged, and <c>Clone()</c> gives a writable copy. False for every instance you create.
    /// </summary>
    public bool IsReadOnly { get; private protected set; }

    /// <summary>Makes every option setter of this instance throw (see <see cref="IsReadOnly"/>).</summary>
    internal void MakeReadOnly() => IsReadOnly = true;

    /// <summary>
    /// Returns <paramref name="value"/> unchanged, or throws <see cref="InvalidOperationException"/> naming the option
    /// when this instance <see cref="IsReadOnly"/>. Every option setter, including those of derived options types,
    /// passes the value it is given through this method first.
    /// </summary>
    /// <typeparam name="T">The option's type.</typeparam>
    /// <param name="value">The value being set.</param>
    /// <param name="option">The option's name (the compiler fills in the property's name).</param>
    protected T Writable<T>(T value, [CallerMemberName] string option = "")
    {
        if (IsReadOnly)
            throw new InvalidOperationException(
                $"Option '{option}' is read-only here: these are the options training runs with, as a callback sees them (TrainingContext.Options). " +
                "Set options before creating the trainer; while training, change what the context offers (e.g. context.SetLearningRate) or keep state in the callback.");
        return value;
    }

    /// <summary>The target rate of hidden layer <paramref name="layer"/>.</summary>
    public double TargetRate(int layer) => _dropoutRates?[layer] ?? _dropoutRate;

    /// <summary>Checks the options against each other; throws <see cref="ArgumentException"/> listing every problem and its fix.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        CollectConflicts(errors);
        OptionGuard.ThrowIfAny(errors);
    }

    /// <summary>Adds one message per conflict between options (with its fix) to <paramref name="errors"/>; subclasses add theirs.</summary>
    private protected virtual void CollectConflicts(List<string> errors)
    {
        if (_dropoutRates != null && _dropoutRates.Count != _hiddenLayers.Count)
            errors.Add($"DropoutRates has {_dropoutRates.Count} entries but HiddenLayers has {_hiddenLayers.Count}: give one rate per hidden layer, or set DropoutRates = null and use DropoutRate.");
        if (_dropPathRate > 0 && !Residual)
            errors.Add($"DropPathRate = {_dropPathRate} needs Residual = true (DropPath drops residual branches).");
        if (_dropoutKind == DropoutKind.Alpha && _activation != Activation.Selu)
            errors.Add($"DropoutKind = Alpha keeps SELU's self-normalization; with Activation = {_activation} use DropoutKind = Standard, or set Activation = Selu.");
        CollectTabularConflicts(errors);
    }
}
