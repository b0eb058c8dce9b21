using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// Piecewise-linear embeddings, rtdl_num_embeddings' version "B" (the one TabM uses): a linear embedding
/// x·w + b per feature plus a per-feature linear map of the piecewise-linear encoding whose weights start at
/// zero — so training starts from a plain linear embedding and learns the piecewise part — optionally followed
/// by ReLU. Input [N, F]; output [N, E·d + (F − E)].
/// </summary>
/// <remarks>Parameters: "linear_weight" and "linear_bias" [E, d] (uniform ±1/√d), "weight" [E, B, d] (zeros).</remarks>
public sealed class PiecewiseLinearEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly PiecewiseLinearEncoding encoding;
    private readonly Parameter linear_weight, linear_bias, weight;
    private readonly Tensor _columns;
    private readonly Tensor? _passthrough;

    /// <summary>Creates the embedding.</summary>
    /// <param name="featureCount">Input width F.</param>
    /// <param name="embeddedFeatures">The embedded columns.</param>
    /// <param name="edges">Per embedded column its bin edges (see <see cref="PiecewiseLinearBins.Compute"/>).</param>
    /// <param name="embeddingDimension">d, values per feature. Default 16 (TabM); ≥ 1.</param>
    /// <param name="relu">ReLU at the end. Default false (TabM).</param>
    public PiecewiseLinearEmbedding(int featureCount, int[] embeddedFeatures, float[][] edges, int embeddingDimension = 16, bool relu = false)
        : base(nameof(PiecewiseLinearEmbedding))
    {
        encoding = new PiecewiseLinearEncoding(featureCount, embeddedFeatures, edges);
        EmbeddingDimension = OptionGuard.AtLeast(embeddingDimension, 1, "EmbeddingDimension");
        Relu = relu;
        int e = embeddedFeatures.Length, d = embeddingDimension;
        double bound = 1 / Math.Sqrt(d);
        linear_weight = new Parameter(empty(e, d));
        linear_bias = new Parameter(empty(e, d));
        weight = new Parameter(zeros(e, encoding.MaxBins, d));
        using (no_grad())
        {
            nn.init.uniform_(linear_weight, -bound, bound);
            nn.init.uniform_(linear_bias, -bound, bound);
        }
        _columns = tensor(embeddedFeatures.Select(c => (long)c).ToArray());
        int[] passthrough = TabularColumns.Passthrough(embeddedFeatures, featureCount);
        _passthrough = passthrough.Length == 0 ? null : tensor(passthrough.Select(c => (long)c).ToArray());
        RegisterComponents();
    }

    /// <summary>Values per embedded feature d.</summary>
    public int EmbeddingDimension { get; }

    /// <summary>Whether ReLU follows.</summary>
    public bool Relu { get; }

    /// <summary>The weights of the encoding slots [E, B, d] (zero at initialisation).</summary>
    public Parameter Weight => weight;

    /// <summary>x [N, F] → [N, E·d + (F − E)].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var embedded = EmbeddingColumns.Gather(x, _columns);
        var linear = KeptScalars.AddCMul(linear_bias, linear_weight, embedded.unsqueeze(-1), 1); // see KeptScalars
        var y = KeptScalars.Add(linear, PerFeatureLinear.Forward(encoding.EncodePadded(embedded), weight, null));
        if (Relu)
            y = nn.functional.relu(y);
        return EmbeddingColumns.Concat(y, x, _passthrough).MoveToOuterDisposeScope();
    }

    /// <summary>The embedding as plain arrays.</summary>
    /// <param name="name">Layer name. Default "embedding".</param>
    public PiecewiseLinearEmbeddingLayer ToSnapshot(string name = "embedding") =>
        new(name, encoding.ToSnapshot($"{name}.encoding"), EmbeddingDimension,
            TensorArrays.ToArray(linear_weight), TensorArrays.ToArray(linear_bias), TensorArrays.ToArray(weight), Relu);
}
