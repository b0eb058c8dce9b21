using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Snapshots.Tabular;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks.Tabular;

/// <summary>
/// A fitted <see cref="PreprocessingLayer"/> as a TorchSharp module with fixed buffers (no parameters): NaN → median,
/// then the affine map with optional smooth clip, or the quantile interpolation. Input and output [N, FeatureCount].
/// </summary>
public sealed class PreprocessingModule : nn.Module<Tensor, Tensor>
{
    private readonly PreprocessingLayer _layer;
    private readonly Tensor? _fill, _centre, _scale, _clip, _knotX, _knotXFlat, _knotYFlat, _slopeFlat, _first, _last, _offsets;

    /// <summary>Creates the module from fitted parameters.</summary>
    /// <param name="layer">The fitted preprocessing (see <see cref="FeaturePreprocessor.Fit"/>).</param>
    public PreprocessingModule(PreprocessingLayer layer) : base(nameof(PreprocessingModule))
    {
        ArgumentNullException.ThrowIfNull(layer);
        layer.Validate();
        _layer = layer;
        int f = layer.FeatureCount, m = layer.KnotCount;
        if (layer.Kind != FeaturePreprocessing.None)
            _fill = Buffer("fill", TensorArrays.ToTensor(layer.Fill, f));
        if (layer.Kind is FeaturePreprocessing.Standardize or FeaturePreprocessing.RobustClip)
        {
            _centre = Buffer("centre", TensorArrays.ToTensor(layer.Centre, f));
            _scale = Buffer("scale", TensorArrays.ToTensor(layer.Scale, f));
            _clip = Buffer("clip", tensor(layer.Clip, new long[] { f }));
        }
        else if (layer.Kind == FeaturePreprocessing.Quantile)
        {
            _knotX = Buffer("knot_x", TensorArrays.ToTensor(layer.KnotX, f, m));
            _knotXFlat = Buffer("knot_x_flat", TensorArrays.ToTensor(layer.KnotX, (long)f * m));
            _knotYFlat = Buffer("knot_y_flat", TensorArrays.ToTensor(layer.KnotY, (long)f * m));
            _slopeFlat = Buffer("slope_flat", TensorArrays.ToTensor(layer.Slopes(), (long)f * m));
            _first = Buffer("first_knot", _knotX.select(1, 0).clone());
            _last = Buffer("last_knot", _knotX.select(1, m - 1).clone());
            _offsets = Buffer("row_offset", arange(0L, (long)f * m, m, dtype: ScalarType.Int64));
        }
    }

    /// <summary>The fitted parameters this module applies.</summary>
    public PreprocessingLayer Layer => _layer;

    private Tensor Buffer(string name, Tensor value)
    {
        value.DetachFromDisposeScope();
        register_buffer(name, value);
        return value;
    }

    /// <summary>Applies the preprocessing to x [N, FeatureCount].</summary>
    public override Tensor forward(Tensor x)
    {
        if (_layer.Kind == FeaturePreprocessing.None)
            return x.alias();
        using var scope = NewDisposeScope();
        var filled = where(x.isnan(), _fill!, x);
        Tensor result;
        if (_layer.Kind == FeaturePreprocessing.Quantile)
        {
            var clamped = minimum(maximum(filled, _first!), _last!);
            // Scalars through KeptScalars (TorchSharp's temporary scalars can be freed mid-call); the integer add below
            // is where a suite fit once died.
            var position = KeptScalars.Sub(searchsorted(_knotX!, clamped.t().contiguous(), right: true).t(), 1);
            var index = KeptScalars.Add(KeptScalars.Clamp(position, 0, _layer.KnotCount - 2), _offsets!);
            result = KeptScalars.Add(_knotYFlat!.take(index), _slopeFlat!.take(index) * (clamped - _knotXFlat!.take(index)));
        }
        else
        {
            var y = (filled - _centre!) * _scale!;
            var clipped = y / KeptScalars.Add(KeptScalars.Div(y.square(), PreprocessingLayer.ClipBound * PreprocessingLayer.ClipBound), 1).sqrt();
            result = where(_clip!, clipped, y);
        }
        return result.MoveToOuterDisposeScope();
    }
}
