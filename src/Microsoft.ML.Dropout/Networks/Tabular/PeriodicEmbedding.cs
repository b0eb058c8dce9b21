using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// Periodic numeric-feature embeddings (Gorishniy et al. 2022, "On Embeddings for Numerical Features in Tabular
/// Deep Learning"; rtdl_num_embeddings <c>PeriodicEmbeddings</c>): for each embedded feature x,
/// v = [cos 2πWx, sin 2πWx] with K trainable frequencies W initialised N(0, σ²) truncated at ±3σ, then a linear
/// layer to d values and ReLU ("PLR"). <c>lite</c> shares one linear layer across the features (as published
/// for TabR); otherwise each feature has its own. Input [N, F]; output [N, E·d + (F − E)]: the embeddings of the
/// embedded columns, then the other columns unchanged.
/// </summary>
/// <remarks>
/// Parameters: "frequencies" [E, K]; lite: "linear.weight" [d, 2K] and "linear.bias" [d] (nn.Linear init); else
/// "weight" [E, 2K, d] and "bias" [E, d], uniform ±1/√(2K). σ is the sensitive knob: the papers tune it
/// (Adult large, 8–96; California small, 0.02–0.5).
/// </remarks>
public sealed class PeriodicEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Parameter frequencies;
    private readonly Parameter? weight, bias;
    private readonly Linear? linear;
    private readonly Tensor _columns;
    private readonly Tensor? _passthrough;

    /// <summary>Creates the embedding.</summary>
    /// <param name="featureCount">Input width F ≥ 1.</param>
    /// <param name="embeddedFeatures">Columns to embed (non-empty, each in [0, F) once).</param>
    /// <param name="embeddingDimension">d, values per feature. Default 24 (rtdl); ≥ 1.</param>
    /// <param name="frequencyCount">K, frequencies per feature. Default 48 (rtdl); ≥ 1.</param>
    /// <param name="sigma">σ of the frequency initialisation. Default 0.01 (rtdl); &gt; 0.</param>
    /// <param name="lite">Share the linear layer across features. Default false.</param>
    /// <param name="relu">ReLU after the linear layer ("PLR"). Default true; lite requires it (as in rtdl).</param>
    public PeriodicEmbedding(int featureCount, int[] embeddedFeatures, int embeddingDimension = 24, int frequencyCount = 48,
        double sigma = 0.01, bool lite = false, bool relu = true) : base(nameof(PeriodicEmbedding))
    {
        ArgumentNullException.ThrowIfNull(embeddedFeatures);
        FeatureCount = OptionGuard.AtLeast(featureCount, 1, nameof(featureCount));
        TabularColumns.CheckFeatures(nameof(PeriodicEmbedding), embeddedFeatures, featureCount);
        EmbeddingDimension = OptionGuard.AtLeast(embeddingDimension, 1, "EmbeddingDimension");
        FrequencyCount = OptionGuard.AtLeast(frequencyCount, 1, "PeriodicFrequencies");
        Sigma = OptionGuard.Positive(sigma, "PeriodicSigma");
        if (lite && !relu)
            throw new ArgumentException("A lite periodic embedding needs relu = true (rtdl allows lite only as PLR): set relu = true or lite = false.", nameof(relu));
        int[] embedded = embeddedFeatures.ToArray();
        EmbeddedFeatures = embedded;
        Lite = lite;
        Relu = relu;
        int e = embedded.Length;

        frequencies = new Parameter(empty(e, frequencyCount));
        using (no_grad())
            nn.init.trunc_normal_(frequencies, 0, sigma, -3 * sigma, 3 * sigma);
        if (lite)
            linear = nn.Linear(2 * frequencyCount, embeddingDimension);
        else
        {
            double bound = 1 / Math.Sqrt(2 * frequencyCount);
            weight = new Parameter(empty(e, 2 * frequencyCount, embeddingDimension));
            bias = new Parameter(empty(e, embeddingDimension));
            using (no_grad())
            {
                nn.init.uniform_(weight, -bound, bound);
                nn.init.uniform_(bias, -bound, bound);
            }
        }
        _columns = tensor(embedded.Select(c => (long)c).ToArray());
        int[] passthrough = TabularColumns.Passthrough(embedded, featureCount);
        _passthrough = passthrough.Length == 0 ? null : tensor(passthrough.Select(c => (long)c).ToArray());
        RegisterComponents();
    }

    /// <summary>Input width F.</summary>
    public int FeatureCount { get; }
    /// <summary>The embedded columns.</summary>
    public IReadOnlyList<int> EmbeddedFeatures { get; }
    /// <summary>Values per embedded feature d.</summary>
    public int EmbeddingDimension { get; }
    /// <summary>Frequencies per feature K.</summary>
    public int FrequencyCount { get; }
    /// <summary>σ of the frequency initialisation.</summary>
    public double Sigma { get; }
    /// <summary>Whether the linear layer is shared across features.</summary>
    public bool Lite { get; }
    /// <summary>Whether ReLU follows the linear layer.</summary>
    public bool Relu { get; }
    /// <summary>Output width E·d + (F − E).</summary>
    public int OutputWidth => EmbeddedFeatures.Count * EmbeddingDimension + FeatureCount - EmbeddedFeatures.Count;

    /// <summary>The trainable frequencies W [E, K] (without 2π).</summary>
    public Parameter Frequencies => frequencies;

    /// <summary>The periodic features [N, E, 2K] = [cos 2πWx, sin 2πWx] of x [N, E] (2πW rounded to float first).</summary>
    internal Tensor Periodic(Tensor x)
    {
        using var scope = NewDisposeScope();
        var angle = KeptScalars.Mul(frequencies, PeriodicEmbeddingLayer.TwoPi).mul(x.unsqueeze(-1)); // see KeptScalars
        return cat(new[] { angle.cos(), angle.sin() }, -1).MoveToOuterDisposeScope();
    }

    /// <summary>x [N, F] → [N, E·d + (F − E)].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var periodic = Periodic(EmbeddingColumns.Gather(x, _columns));
        var y = linear is not null ? linear.forward(periodic) : PerFeatureLinear.Forward(periodic, weight!, bias);
        if (Relu)
            y = nn.functional.relu(y);
        return EmbeddingColumns.Concat(y, x, _passthrough).MoveToOuterDisposeScope();
    }

    /// <summary>The embedding as plain arrays (a lite linear layer is expanded to one copy per feature).</summary>
    /// <param name="name">Layer name. Default "embedding".</param>
    public PeriodicEmbeddingLayer ToSnapshot(string name = "embedding")
    {
        int e = EmbeddedFeatures.Count, k2 = 2 * FrequencyCount, d = EmbeddingDimension;
        float[] w, b;
        if (linear is not null)
        {
            float[] shared = TensorArrays.ToArray(linear.weight!);   // [d, 2K]
            float[] sharedBias = TensorArrays.ToArray(linear.bias!);
            w = new float[e * k2 * d];
            b = new float[e * d];
            for (int f = 0; f < e; f++)
            {
                for (int i = 0; i < k2; i++)
                    for (int j = 0; j < d; j++)
                        w[(f * k2 + i) * d + j] = shared[j * k2 + i];
                Array.Copy(sharedBias, 0, b, f * d, d);
            }
        }
        else
        {
            w = TensorArrays.ToArray(weight!);
            b = TensorArrays.ToArray(bias!);
        }
        return new PeriodicEmbeddingLayer(name, FeatureCount, EmbeddedFeatures.ToArray(), FrequencyCount, d,
            TensorArrays.ToArray(frequencies), w, b, Relu);
    }
}
