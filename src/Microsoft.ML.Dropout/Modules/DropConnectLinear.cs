using Microsoft.ML.Dropout.Native;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Modules;

/// <summary>
/// A fully connected layer with DropConnect (Wan et al. 2013): in training mode every forward pass draws a mask
/// M ~ Bernoulli(1−p) over the WEIGHTS and computes y = x·(M⊙W)ᵀ/(1−p) + b (inverted scaling, so E[y] equals the
/// plain layer's output); the bias is never masked. In eval mode it is the plain linear layer y = x·Wᵀ + b.
/// Parameters are named "weight" [out, in] and "bias" [out] and are initialised exactly like TorchSharp's
/// <c>nn.Linear</c> (Kaiming-uniform with a = √5, bias U(−1/√in, 1/√in)).
/// </summary>
public sealed class DropConnectLinear : nn.Module<Tensor, Tensor>, IDropoutSite
{
    [ComponentName(Name = "weight")]
    private Parameter _weight;
    [ComponentName(Name = "bias")]
    private Parameter _bias;
    private double _rate;

    /// <summary>Creates the layer.</summary>
    /// <param name="inputSize">Input features; ≥ 1.</param>
    /// <param name="outputSize">Output features; ≥ 1.</param>
    /// <param name="rate">Probability of dropping each weight. Default 0.5; range [0, 1).</param>
    public DropConnectLinear(int inputSize, int outputSize, double rate = 0.5) : base(nameof(DropConnectLinear))
    {
        InputSize = OptionGuard.AtLeast(inputSize, 1, nameof(inputSize));
        OutputSize = OptionGuard.AtLeast(outputSize, 1, nameof(outputSize));
        Rate = rate;
        _weight = new Parameter(empty(outputSize, inputSize));
        _weight.DetachFromDisposeScope();
        _bias = new Parameter(empty(outputSize));
        _bias.DetachFromDisposeScope();
        using (no_grad())
        {
            nn.init.kaiming_uniform_(_weight, a: Math.Sqrt(5));
            double bound = 1 / Math.Sqrt(inputSize);
            nn.init.uniform_(_bias, -bound, bound);
        }
        RegisterComponents();
    }

    /// <summary>Input features.</summary>
    public int InputSize { get; }

    /// <summary>Output features.</summary>
    public int OutputSize { get; }

    /// <summary>Weight matrix [OutputSize, InputSize]. (The private setter lets <c>Module.to(...)</c> swap in a converted copy.)</summary>
    public Parameter weight
    {
        get => _weight;
        private set
        {
            if (ReferenceEquals(value, _weight))
                return;
            _weight.Dispose();
            _weight = value;
            ConditionallyRegisterParameter("weight", value);
        }
    }

    /// <summary>Bias [OutputSize]. (The private setter lets <c>Module.to(...)</c> swap in a converted copy.)</summary>
    public Parameter bias
    {
        get => _bias;
        private set
        {
            if (ReferenceEquals(value, _bias))
                return;
            _bias.Dispose();
            _bias = value;
            ConditionallyRegisterParameter("bias", value);
        }
    }

    /// <inheritdoc/>
    public double Rate { get => _rate; set => _rate = OptionGuard.Rate(value, nameof(Rate)); }

    /// <summary>Linear map with a fresh weight mask in training mode; plain linear map in eval mode.</summary>
    /// <param name="input">…×InputSize tensor.</param>
    public override Tensor forward(Tensor input)
    {
        if (!training || _rate == 0)
            return nn.functional.linear(input, _weight, _bias);
        using var mask = DropoutMask.Bernoulli(_weight.shape, 1 - _rate, _weight.dtype, _weight.device);
        return ForwardWithMask(input, mask);
    }

    /// <summary>y = x·(M⊙W)ᵀ/(1−p) + b for a given 0/1 weight mask M (training-mode maths, any mode).</summary>
    internal Tensor ForwardWithMask(Tensor input, Tensor mask)
    {
        using var masked = KeptScalars.DivInPlace(_weight.mul(mask), 1 - _rate); // see KeptScalars
        return nn.functional.linear(input, masked, _bias);
    }
}
