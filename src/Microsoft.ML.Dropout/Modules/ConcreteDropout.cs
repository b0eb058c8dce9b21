using Microsoft.ML.Dropout.Native;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Modules;

/// <summary>
/// Concrete dropout (Gal, Hron &amp; Kendall 2017): the drop probability p = sigmoid(p_logit) is a learned parameter.
/// Training mode draws u ~ U(0,1) per element and the relaxed Bernoulli drop indicator
/// z = sigmoid((log p − log(1−p) + log u − log(1−u))/τ) (τ = <see cref="Temperature"/>, default 0.1; a small
/// ε = 1e-7 guards every log), then returns x·(1−z)/(1−p), which is differentiable in p. Eval mode is the identity.
/// Add <see cref="Regularization"/> to the loss so p does not simply collapse to 0.
/// </summary>
public sealed class ConcreteDropout : nn.Module<Tensor, Tensor>, IDropoutSite
{
    /// <summary>Smallest initial rate the <see cref="Rate"/> setter stores (p = 0 would need an infinite logit): 1e-4.</summary>
    public const double MinimumRate = 1e-4;

    private const double Epsilon = 1e-7;

    [ComponentName(Name = "p_logit")]
    private Parameter _pLogit;
    private double _weightRegularizer = 1e-6;
    private double _dropoutRegularizer = 1e-5;

    /// <summary>Creates the module.</summary>
    /// <param name="initialRate">Initial drop probability. Default 0.1; range [0, 1); values below <see cref="MinimumRate"/> are raised to it.</param>
    /// <param name="temperature">Relaxation temperature τ. Default 0.1; &gt; 0.</param>
    public ConcreteDropout(double initialRate = 0.1, double temperature = 0.1) : base(nameof(ConcreteDropout))
    {
        Temperature = OptionGuard.Positive(temperature, nameof(temperature));
        _pLogit = new Parameter(zeros(1));
        _pLogit.DetachFromDisposeScope();
        Rate = initialRate;
        RegisterComponents();
    }

    /// <summary>Relaxation temperature τ, fixed at construction. Default 0.1.</summary>
    public double Temperature { get; }

    /// <summary>
    /// The logit of the drop probability, a learned parameter of shape [1] (registered as "p_logit"). (The private
    /// setter lets <c>Module.to(...)</c> swap in a converted copy.)
    /// </summary>
    public Parameter p_logit
    {
        get => _pLogit;
        private set
        {
            if (ReferenceEquals(value, _pLogit))
                return;
            _pLogit.Dispose();
            _pLogit = value;
            ConditionallyRegisterParameter("p_logit", value);
        }
    }

    /// <summary>
    /// The current learned drop probability sigmoid(p_logit). Setting it overwrites the learned value (used to set
    /// the initial rate); range [0, 1), values below <see cref="MinimumRate"/> are raised to it.
    /// </summary>
    public double Rate
    {
        get
        {
            using var logit = _pLogit.detach();
            using var p = logit.sigmoid();
            return p.item<float>();
        }
        set
        {
            double p = Math.Max(OptionGuard.Rate(value, nameof(Rate)), MinimumRate);
            using (no_grad())
                _pLogit.fill_(Math.Log(p) - Math.Log(1 - p));
        }
    }

    /// <summary>
    /// Coefficient of the weight term of <see cref="Regularization"/> (Gal et al.: l²/N for prior length-scale l
    /// and N training rows). Default 1e-6; ≥ 0.
    /// </summary>
    public double WeightRegularizer { get => _weightRegularizer; set => _weightRegularizer = OptionGuard.NonNegative(value, nameof(WeightRegularizer)); }

    /// <summary>Coefficient of the entropy term of <see cref="Regularization"/> (Gal et al.: 2/N). Default 1e-5; ≥ 0.</summary>
    public double DropoutRegularizer { get => _dropoutRegularizer; set => _dropoutRegularizer = OptionGuard.NonNegative(value, nameof(DropoutRegularizer)); }

    /// <summary>The drop probability as a differentiable 1-element tensor.</summary>
    public Tensor RateTensor() => _pLogit.sigmoid();

    /// <summary>Applies the relaxed dropout mask in training mode; identity in eval mode.</summary>
    /// <param name="input">Any shape.</param>
    public override Tensor forward(Tensor input)
    {
        if (!training)
            return input.alias();
        using var scope = NewDisposeScope();
        var p = _pLogit.sigmoid();
        var u = rand_like(input);
        // Scalars through KeptScalars (TorchSharp's temporary scalars can be freed mid-call).
        var logits = KeptScalars.Add(KeptScalars.Add(p, Epsilon).log().sub_(KeptScalars.AddInPlace(p.neg(), 1 + Epsilon).log()),
            KeptScalars.Add(u, Epsilon).log()).sub_(KeptScalars.AddInPlace(u.neg(), 1 + Epsilon).log());
        var drop = KeptScalars.DivInPlace(logits, Temperature).sigmoid();
        var keepScale = KeptScalars.AddInPlace(drop.neg(), 1.0).div(KeptScalars.Add(p.neg(), 1.0));
        return input.mul(keepScale).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The concrete-dropout regularizer of this site, as in Gal et al.'s reference implementation:
    /// WeightRegularizer·‖W‖²/(1−p) + DropoutRegularizer·inputDim·(p·log p + (1−p)·log(1−p)), where W is the weight
    /// of the layer that consumes this site's output and inputDim the number of features this site drops. The second
    /// term is the negative Bernoulli entropy: minimizing it pulls p towards 0.5, while the first term (and the data
    /// loss) pull p down. Returns a scalar tensor that is differentiable in p and W.
    /// </summary>
    /// <param name="nextLayerWeight">Weight of the following layer.</param>
    /// <param name="inputDim">Number of features entering this site; ≥ 1.</param>
    public Tensor Regularization(Tensor nextLayerWeight, long inputDim)
    {
        ArgumentNullException.ThrowIfNull(nextLayerWeight);
        if (inputDim < 1)
            throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, OptionGuard.Message(nameof(inputDim), "an integer ≥ 1", inputDim.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var scope = NewDisposeScope();
        var p = _pLogit.sigmoid().squeeze();
        var q = KeptScalars.Add(p.neg(), 1.0);
        var weightTerm = KeptScalars.Mul(KeptScalars.Pow(nextLayerWeight, 2).sum(), _weightRegularizer).div(q);
        var entropyTerm = KeptScalars.Mul(KeptScalars.Add(p.mul(KeptScalars.Add(p, Epsilon).log()), q.mul(KeptScalars.Add(q, Epsilon).log())), _dropoutRegularizer * inputDim);
        return KeptScalars.Add(weightTerm, entropyTerm).MoveToOuterDisposeScope();
    }
}
