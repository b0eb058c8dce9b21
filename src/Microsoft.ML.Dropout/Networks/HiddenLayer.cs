using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Modules;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Microsoft.ML.Dropout.Networks;

/// <summary>
/// One hidden layer of <see cref="MlpNetwork"/>: linear → norm (optional) → activation → dropout site (optional;
/// absent for DropConnect, whose site is the next linear layer). As a residual block it returns
/// x + drop_path(layer(x)). <see cref="nn.Module.RegisterComponents"/> registers the children from the properties'
/// backing fields, in declaration order (which is the order above), under "linear", "norm", "activation", "dropout"
/// and "drop_path"; an absent child is not registered.
/// </summary>
internal sealed class HiddenLayer : nn.Module<Tensor, Tensor>
{
    internal HiddenLayer(string name, nn.Module<Tensor, Tensor> linear, nn.Module<Tensor, Tensor>? norm,
        nn.Module<Tensor, Tensor> activation, nn.Module<Tensor, Tensor>? dropout, DropPath? dropPath) : base(name)
    {
        (Linear, Norm, Activation, Dropout, DropPath) = (linear, norm, activation, dropout, dropPath);
        RegisterComponents();
    }

    [field: ComponentName(Name = "linear")]
    internal nn.Module<Tensor, Tensor> Linear { get; }
    [field: ComponentName(Name = "norm")]
    internal nn.Module<Tensor, Tensor>? Norm { get; }
    [field: ComponentName(Name = "activation")]
    internal nn.Module<Tensor, Tensor> Activation { get; }
    [field: ComponentName(Name = "dropout")]
    internal nn.Module<Tensor, Tensor>? Dropout { get; }
    [field: ComponentName(Name = "drop_path")]
    internal DropPath? DropPath { get; }

    internal bool IsResidual => DropPath is not null;

    internal Tensor LinearWeight => LinearParameters.Weight(Linear);

    internal Tensor LinearBias => LinearParameters.Bias(Linear);

    public override Tensor forward(Tensor input)
    {
        var y = Linear.forward(input);
        if (Norm is not null)
            y = Replace(y, Norm.forward(y));
        y = Replace(y, Activation.forward(y));
        if (Dropout is not null)
            y = Replace(y, Dropout.forward(y));
        if (DropPath is null)
            return y;
        y = Replace(y, DropPath.forward(y));
        return Replace(y, KeptScalars.Add(input, y));
    }

    private static Tensor Replace(Tensor old, Tensor next)
    {
        old.Dispose();
        return next;
    }
}
