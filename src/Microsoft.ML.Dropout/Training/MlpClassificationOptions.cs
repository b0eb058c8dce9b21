namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Training settings for binary and multiclass classification: the shared <see cref="MlpTrainerOptions"/> plus
/// label smoothing, class weights and temperature scaling. The ML.NET classification trainers' options derive
/// from this type.
/// </summary>
public class MlpClassificationOptions : MlpTrainerOptions
{
    private double _labelSmoothing = Dropout.Defaults.LabelSmoothing;
    private float[]? _classWeights;

    /// <summary>
    /// Label smoothing ε: targets (1−ε)·onehot + ε/K (binary: y(1−ε) + ε/2), used in the training loss only.
    /// Default 0 (see <see cref="Dropout.Defaults.LabelSmoothing"/> for the measurements); range [0, 1). 0.05–0.1 can
    /// help large, noisy multiclass problems; it lowers confidence, so re-check calibration.
    /// </summary>
    public double LabelSmoothing { get => _labelSmoothing; set => _labelSmoothing = OptionGuard.Rate(Writable(value), nameof(LabelSmoothing)); }

    /// <summary>
    /// Per-class loss weights, one per class in class order (binary: [weight of false/0, weight of true/1]), each
    /// &gt; 0. Default null (equal).
    /// </summary>
    public float[]? ClassWeights
    {
        get => _classWeights;
        set => _classWeights = OptionGuard.EachElement<float>(Writable(value), (v, name) => (float)OptionGuard.Positive(v, name), nameof(ClassWeights));
    }

    /// <summary>
    /// After training, fit one temperature T on the validation rows by minimizing their negative log-likelihood and
    /// score with softmax(z/T) / sigmoid(z/T): better-calibrated probabilities, same predicted labels. Default null:
    /// by rule — on when the validation part has at least <see cref="Dropout.Defaults.SmallValidationRows"/> (100) rows,
    /// off below (a temperature fitted on fewer rows is noisy); the measurements are on
    /// <see cref="Dropout.Defaults.CalibrateWithTemperature"/>. True asks for it whatever the size (it then needs
    /// validation data: a validation set passed to Fit, or ValidationFraction &gt; 0); false turns it off. A fit the
    /// validation rows cannot determine (all of them separated by the logits, T → 0) is not applied: T stays 1, and
    /// when the option was set to true the result's warnings say why. With <c>RefitOnAllRows</c> the temperature comes from the first run and is applied to the refit.
    /// </summary>
    public bool? CalibrateWithTemperature { get; set => field = Writable(value); } = Dropout.Defaults.CalibrateWithTemperature;

    private protected override void DetachFrom(MlpTrainerOptions original)
    {
        base.DetachFrom(original);
        _classWeights = _classWeights?.ToArray();
    }

    private protected override void CollectTaskConflicts(TrainingTask task, List<string> errors)
    {
        base.CollectTaskConflicts(task, errors);
        if (!task.IsClassification)
            errors.Add($"{GetType().Name} holds classification settings (LabelSmoothing, ClassWeights, CalibrateWithTemperature) but the task is Regression: use MlpRegressionOptions.");
        else if (_classWeights != null && _classWeights.Length != task.ClassCount)
            errors.Add($"ClassWeights has {_classWeights.Length} entries but the task has {task.ClassCount} classes: give one weight per class.");
    }
}
