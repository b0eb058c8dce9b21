namespace Microsoft.ML.Dropout.Optimization;

/// <summary>One parameter group's Adam settings, read once per step.</summary>
internal readonly record struct AdamSettings(double Beta1, double Beta2, double WeightDecay, double Eps, double LearningRate)
{
    /// <summary>Reads a TorchSharp Adam/AdamW group's options; AMSGrad and maximize (never set by the trainer) are refused.</summary>
    internal static AdamSettings Read(bool? amsgrad, bool? maximize, double? beta1, double? beta2, double? weightDecay, double? eps, double? learningRate) =>
        amsgrad == true || maximize == true
            ? throw new NotSupportedException("AMSGrad and maximize are not supported by the trainer's Adam/AdamW.")
            : new AdamSettings(beta1!.Value, beta2!.Value, weightDecay!.Value, eps!.Value, learningRate!.Value);
}
