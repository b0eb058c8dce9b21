using Microsoft.ML.Dropout.Modules;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks;

/// <summary>
/// One hidden layer of <see cref="MlpNetwork"/>: linear → norm (optional) → activation → dropout site (optional;
/// absent for DropConnect, whose site is the next linear layer). As a residual block it returns
/// x + drop_path(layer(x)). Children are registered in that order under "linear", "norm", "activation", "dropout"
/// and "drop_path".
/// </summary>
internal sealed class HiddenLayer : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "linear")]
    private readonly nn.Module<Tensor, Tensor> _linear;
    [ComponentName(Name = "norm")]
    private readonly nn.Module<Tensor, Tensor>? _norm;
    [ComponentName(Name = "activation")]
    private readonly nn.Module<Tensor, Tensor> _activation;
    [ComponentName(Name = "dropout")]
    private readonly nn.Module<Tensor, Tensor>? _dropout;
    [ComponentName(Name = "drop_path")]
    private readonly DropPath? _dropPath;

    internal HiddenLayer(string name, nn.Module<Tensor, Tensor> linear, nn.Module<Tensor, Tensor>? norm,
        nn.Module<Tensor, Tensor> activation, nn.Module<Tensor, Tensor>? dropout, DropPath? dropPath) : base(name)
    {
        _linear = linear;
        _norm = norm;
        _activation = activation;
        _dropout = dropout;
        _dropPath = dropPath;
        RegisterComponents();
    }

    internal nn.Module<Tensor, Tensor> Linear => _linear;
    internal nn.Module<Tensor, Tensor>? Norm => _norm;
    internal nn.Module<Tensor, Tensor>? Dropout => _dropout;
    internal DropPath? DropPath => _dropPath;
    internal bool IsResidual => _dropPath is not null;

    internal Tensor LinearWeight => LinearParameters.Weight(_linear);

    internal Tensor LinearBias => LinearParameters.Bias(_linear);

    public override Tensor forward(Tensor input)
    {
        var y = _linear.forward(input);
        if (_norm is not null)
            y = Replace(y, _norm.forward(y));
        y = Replace(y, _activation.forward(y));
        if (_dropout is not null)
            y = Replace(y, _dropout.forward(y));
        if (_dropPath is null)
            return y;
        y = Replace(y, _dropPath.forward(y));
        return Replace(y, input.add(y));
    }

    private static Tensor Replace(Tensor old, Tensor next)
    {
        old.Dispose();
        return next;
    }
}
