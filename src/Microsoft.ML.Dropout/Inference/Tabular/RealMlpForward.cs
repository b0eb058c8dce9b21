using Microsoft.ML.Dropout.Snapshots.Tabular;

namespace Microsoft.ML.Dropout.Inference.Tabular;

/// <summary>Managed forward passes of the RealMLP-TD layers (front scaling, parametric activation).</summary>
internal static class RealMlpForward
{
    internal static float[] FrontScale(FrontScaleLayer layer, float[] rows, int rowCount)
    {
        ((ITabularSnapshotLayer)layer).Validate();
        var output = new float[(long)rowCount * layer.Size];
        for (long i = 0; i < output.LongLength; i++)
            output[i] = rows[i] * layer.Scale[i % layer.Size];
        return output;
    }

    internal static float[] ParametricActivation(ParametricActivationLayer layer, float[] rows, int rowCount)
    {
        ((ITabularSnapshotLayer)layer).Validate();
        Func<double, double> f = layer.Activation switch
        {
            Activation.Relu => ActivationMath.Relu,
            Activation.Gelu => ActivationMath.Gelu,
            Activation.Selu => ActivationMath.Selu,
            _ => ActivationMath.Silu,
        };
        var output = new float[(long)rowCount * layer.Members * layer.Size];
        for (long i = 0; i < output.LongLength; i++)
        {
            double x = rows[i];
            output[i] = (float)(x + layer.Alpha[i % layer.Size] * (f(x) - x));
        }
        return output;
    }
}
