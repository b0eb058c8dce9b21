namespace Microsoft.ML.Dropout;

/// <summary>
/// The scalar maths of the dropout family in double precision: one home for the TorchSharp modules, the managed
/// evaluator's MC-dropout sampling and the ONNX MC-dropout writer, so the three cannot drift apart.
/// </summary>
public static class DropoutMath
{
    /// <summary>SELU's negative saturation α' = −λα = −1.7580993408473766: the value alpha dropout gives a dropped unit.</summary>
    public const double AlphaSaturation = -(ActivationMath.SeluScale * ActivationMath.SeluAlpha);

    /// <summary>Inverted dropout's scale of the kept units, 1/(1−p), so the expected output equals the input.</summary>
    /// <param name="rate">Drop probability p in [0, 1).</param>
    public static double InvertedScale(double rate) => 1 / (1 - rate);

    /// <summary>Standard deviation √(p/(1−p)) of Gaussian dropout's multiplicative N(1, p/(1−p)) noise: the variance of the inverted Bernoulli mask.</summary>
    /// <param name="rate">The Bernoulli rate p in [0, 1) whose variance the noise matches.</param>
    public static double GaussianStd(double rate) => Math.Sqrt(rate / (1 - rate));

    /// <summary>Alpha dropout's scale a = ((1−p)(1 + p·α'²))^−½ (Klambauer et al. 2017; PyTorch's alpha_dropout).</summary>
    /// <param name="rate">Drop probability p in [0, 1).</param>
    public static double AlphaScale(double rate) => 1 / Math.Sqrt((1 - rate) * (1 + rate * AlphaSaturation * AlphaSaturation));

    /// <summary>Alpha dropout's shift b = −a·p·α', so a·x + b keeps mean 0 and variance 1.</summary>
    /// <param name="rate">Drop probability p in [0, 1).</param>
    public static double AlphaShift(double rate) => -AlphaScale(rate) * rate * AlphaSaturation;
}
