using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// k linear layers sharing one weight matrix (BatchEnsemble, Wen et al. 2020; TabM's <c>LinearBatchEnsemble</c>):
/// member i computes y_i = s_i ⊙ (W·(r_i ⊙ x_i)) + b_i. Input [N, k, in]; output [N, k, out].
/// </summary>
/// <remarks>
/// Parameters: "weight" [out, in] (uniform ±1/√in), "r" [k, in] and "s" [k, out] (the rank-1 adapters, initialised by
/// <see cref="AdapterInitialization"/>), "bias" [k, out] (one uniform ±1/√in draw shared by all members at the
/// start, as TabM does). TabM initialises r of the first layer randomly and every other adapter with ones, so the
/// members start different only through their first layer.
/// </remarks>
public sealed class BatchEnsembleLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight, r, s, bias;

    /// <summary>Creates the layer.</summary>
    /// <param name="inputSize">in ≥ 1.</param>
    /// <param name="outputSize">out ≥ 1.</param>
    /// <param name="members">k ≥ 1.</param>
    /// <param name="inputAdapter">Initialisation of r. Default RandomSigns (TabM's first layer).</param>
    /// <param name="outputAdapter">Initialisation of s. Default Ones.</param>
    public BatchEnsembleLinear(int inputSize, int outputSize, int members,
        AdapterInitialization inputAdapter = AdapterInitialization.RandomSigns, AdapterInitialization outputAdapter = AdapterInitialization.Ones)
        : base(nameof(BatchEnsembleLinear))
    {
        InputSize = OptionGuard.AtLeast(inputSize, 1, nameof(inputSize));
        OutputSize = OptionGuard.AtLeast(outputSize, 1, nameof(outputSize));
        Members = OptionGuard.AtLeast(members, 1, "EnsembleSize");
        double bound = 1 / Math.Sqrt(inputSize);
        weight = new Parameter(empty(outputSize, inputSize));
        r = new Parameter(empty(members, inputSize));
        s = new Parameter(empty(members, outputSize));
        bias = new Parameter(empty(members, outputSize));
        using (no_grad())
        {
            nn.init.uniform_(weight, -bound, bound);
            using var shared = empty(outputSize).uniform_(-bound, bound);
            bias.copy_(shared.unsqueeze(0).expand(members, outputSize));
        }
        AdapterInit.Fill(r, inputAdapter);
        AdapterInit.Fill(s, outputAdapter);
        RegisterComponents();
    }

    /// <summary>in.</summary>
    public int InputSize { get; }
    /// <summary>out.</summary>
    public int OutputSize { get; }
    /// <summary>k.</summary>
    public int Members { get; }

    /// <summary>The shared weight W [out, in].</summary>
    public Parameter Weight => weight;
    /// <summary>The input adapters r [k, in].</summary>
    public Parameter R => r;
    /// <summary>The output adapters s [k, out].</summary>
    public Parameter S => s;
    /// <summary>The per-member biases [k, out].</summary>
    public Parameter Bias => bias;

    /// <summary>x [N, k, in] → [N, k, out].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = KeptScalars.Add((x * r).matmul(weight.t()) * s, bias); // see KeptScalars
        return y.MoveToOuterDisposeScope();
    }

    /// <summary>The layer as plain arrays.</summary>
    /// <param name="name">Layer name.</param>
    public BatchEnsembleLayer ToSnapshot(string name) =>
        new(name, Members, InputSize, OutputSize, TensorArrays.ToArray(weight), TensorArrays.ToArray(r), TensorArrays.ToArray(s), TensorArrays.ToArray(bias));
}
