using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// The piecewise-linear encoding as a TorchSharp module with fixed buffers (no parameters); see
/// <see cref="PiecewiseLinearEncodingLayer"/> for the maths. Input [N, F]; output [N, Σ bins + (F − E)].
/// </summary>
public sealed class PiecewiseLinearEncoding : nn.Module<Tensor, Tensor>
{
    private readonly PiecewiseLinearEncodingLayer _layer;
    private readonly Tensor _weight, _bias, _lower, _upper, _valid, _columns;
    private readonly Tensor? _passthrough;

    /// <summary>Creates the encoding.</summary>
    /// <param name="featureCount">Input width F.</param>
    /// <param name="embeddedFeatures">The encoded columns.</param>
    /// <param name="edges">Per encoded column its edges (see <see cref="PiecewiseLinearBins.Compute"/>).</param>
    public PiecewiseLinearEncoding(int featureCount, int[] embeddedFeatures, float[][] edges) : base(nameof(PiecewiseLinearEncoding))
    {
        ArgumentNullException.ThrowIfNull(embeddedFeatures);
        ArgumentNullException.ThrowIfNull(edges);
        _layer = new PiecewiseLinearEncodingLayer("encoding", featureCount, embeddedFeatures.ToArray(), edges.Select(e => e.ToArray()).ToArray());
        _layer.Validate();
        var (weight, bias, lower, upper, valid) = _layer.Coefficients();
        int e = edges.Length, bins = _layer.MaxBins;
        _weight = TensorArrays.ToTensor(weight, e, bins);
        _bias = TensorArrays.ToTensor(bias, e, bins);
        _lower = TensorArrays.ToTensor(lower, e, bins);
        _upper = TensorArrays.ToTensor(upper, e, bins);
        _valid = tensor(valid.Select(v => (long)v).ToArray());
        _columns = tensor(embeddedFeatures.Select(c => (long)c).ToArray());
        int[] passthrough = TabularColumns.Passthrough(embeddedFeatures, featureCount);
        _passthrough = passthrough.Length == 0 ? null : tensor(passthrough.Select(c => (long)c).ToArray());
        RegisterComponents();
    }

    /// <summary>B, the largest number of bins of a feature.</summary>
    public int MaxBins => _layer.MaxBins;

    /// <summary>Output width Σ bins + (F − E).</summary>
    public int OutputWidth => _layer.OutputWidth;

    /// <summary>The padded encoding [N, E, B] of the embedded values x [N, E] (padding slots are 0).</summary>
    internal Tensor EncodePadded(Tensor x)
    {
        using var scope = NewDisposeScope();
        var t = KeptScalars.AddCMul(_bias, _weight, x.unsqueeze(-1), 1); // see KeptScalars
        return minimum(maximum(t, _lower), _upper).MoveToOuterDisposeScope();
    }

    /// <summary>x [N, F] → [N, Σ bins + (F − E)].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var padded = EncodePadded(EmbeddingColumns.Gather(x, _columns));
        var encoded = padded.flatten(1).index_select(1, _valid);
        return EmbeddingColumns.Concat(encoded, x, _passthrough).MoveToOuterDisposeScope();
    }

    /// <summary>The encoding as plain arrays.</summary>
    /// <param name="name">Layer name. Default "encoding".</param>
    public PiecewiseLinearEncodingLayer ToSnapshot(string name = "encoding") => _layer with { Name = name };
}
