using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// k fully separate linear layers applied in parallel (TabM's <c>LinearEnsemble</c>, used for the members' output
/// heads): y_i = x_i·W_i + b_i. Input [N, k, in]; output [N, k, out]. Parameters "weight" [k, in, out] and
/// "bias" [k, out], uniform ±1/√in.
/// </summary>
public sealed class LinearEnsemble : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight, bias;

    /// <summary>Creates the layers.</summary>
    /// <param name="inputSize">in ≥ 1.</param>
    /// <param name="outputSize">out ≥ 1.</param>
    /// <param name="members">k ≥ 1.</param>
    public LinearEnsemble(int inputSize, int outputSize, int members) : base(nameof(LinearEnsemble))
    {
        InputSize = OptionGuard.AtLeast(inputSize, 1, nameof(inputSize));
        OutputSize = OptionGuard.AtLeast(outputSize, 1, nameof(outputSize));
        Members = OptionGuard.AtLeast(members, 1, "EnsembleSize");
        double bound = 1 / Math.Sqrt(inputSize);
        weight = new Parameter(empty(members, inputSize, outputSize));
        bias = new Parameter(empty(members, outputSize));
        using (no_grad())
        {
            nn.init.uniform_(weight, -bound, bound);
            nn.init.uniform_(bias, -bound, bound);
        }
        RegisterComponents();
    }

    /// <summary>in.</summary>
    public int InputSize { get; }
    /// <summary>out.</summary>
    public int OutputSize { get; }
    /// <summary>k.</summary>
    public int Members { get; }

    /// <summary>The members' weights [k, in, out]: unit o of member i reads column [i, :, o].</summary>
    public Parameter Weight => weight;

    /// <summary>x [N, k, in] → [N, k, out].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = KeptScalars.Add(x.transpose(0, 1).matmul(weight).transpose(0, 1), bias); // see KeptScalars
        return y.MoveToOuterDisposeScope();
    }

    /// <summary>The layers as plain arrays.</summary>
    /// <param name="name">Layer name. Default "output".</param>
    public LinearEnsembleLayer ToSnapshot(string name = "output") =>
        new(name, Members, InputSize, OutputSize, TensorArrays.ToArray(weight), TensorArrays.ToArray(bias));
}
