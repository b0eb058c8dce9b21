namespace Microsoft.ML.Dropout.Export;

/// <summary>
/// The affine map w·x + b that a downstream linear predictor applies to a one-value ONNX output. The exporter then
/// emits x = (z − b)/w, so that the downstream head reproduces the network's score z: w·x + b = z (up to float
/// rounding). Used by the ML.NET adapters, which need a tiny ML.NET linear model to obtain scalar
/// <c>Score</c>/<c>Probability</c> columns with ML.NET's own annotations.
/// </summary>
/// <param name="Weight">The head's weight w; finite and non-zero.</param>
/// <param name="Bias">The head's bias b; finite.</param>
public sealed record LinearHeadCompensation(double Weight, double Bias)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when w is zero or not finite, or b is not finite.</summary>
    internal void Validate()
    {
        if (!double.IsFinite(Weight) || Weight == 0)
            throw new ArgumentOutOfRangeException(nameof(Weight), Weight,
                OptionGuard.Message($"{nameof(OnnxExportOptions.HeadCompensation)}.{nameof(Weight)}", "a finite non-zero value",
                    Weight.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        if (!double.IsFinite(Bias))
            throw new ArgumentOutOfRangeException(nameof(Bias), Bias,
                OptionGuard.Message($"{nameof(OnnxExportOptions.HeadCompensation)}.{nameof(Bias)}", "a finite value",
                    Bias.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
