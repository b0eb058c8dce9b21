using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>Options the binary and multiclass RegularizedMlp trainers add to <see cref="RegularizedMlpOptionsBase"/>.</summary>
public abstract class RegularizedMlpClassificationOptionsBase : RegularizedMlpOptionsBase
{
    /// <summary>Label smoothing ε: targets (1−ε)·onehot + ε/K. Default 0.1; range [0, 1).</summary>
    public double LabelSmoothing { get; set; } = MlpTrainerOptions.Defaults.LabelSmoothing;

    /// <summary>
    /// Per-class loss weights, one per class in key order (binary: [weight of false, weight of true]), each &gt; 0.
    /// Default null (equal). Cannot be combined with <see cref="UnbalancedSets"/>.
    /// </summary>
    public float[]? ClassWeights { get; set; }

    /// <summary>
    /// Weight each class by n / (K · n_class) computed on the training rows, so rare classes count as much as
    /// common ones. Default false. Cannot be combined with <see cref="ClassWeights"/>.
    /// </summary>
    public bool UnbalancedSets { get; set; }

    /// <summary>
    /// After training, fit a temperature T on the validation data (minimizing its negative log-likelihood) and score
    /// with softmax(z/T) / sigmoid(z/T): better-calibrated probabilities, same predicted labels. Needs validation data
    /// (a validation set passed to Fit, or ValidationFraction &gt; 0). Default false.
    /// </summary>
    public bool CalibrateWithTemperature { get; set; }

    private protected override void ApplyTaskOptions(MlpTrainerOptions options)
    {
        if (UnbalancedSets && ClassWeights != null)
            throw new ArgumentException($"Both {nameof(ClassWeights)} and {nameof(UnbalancedSets)} are set: use {nameof(ClassWeights)} for your own weights, or {nameof(UnbalancedSets)} = true to derive them from class frequencies, not both.");
        options.LabelSmoothing = LabelSmoothing;
        options.ClassWeights = ClassWeights;
        options.CalibrateWithTemperature = CalibrateWithTemperature;
    }

    private protected override void FreezeTaskOptions(RegularizedMlpOptionsBase copy) =>
        ((RegularizedMlpClassificationOptionsBase)copy).ClassWeights = ClassWeights?.ToArray();
}
