using Microsoft.ML.Dropout.Losses;

namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Training settings for regression: the shared <see cref="MlpTrainerOptions"/> plus the loss on standardized
/// targets. The ML.NET regression trainer's options derive from this type.
/// </summary>
public class MlpRegressionOptions : MlpTrainerOptions
{
    private RegressionLoss _loss = Dropout.Defaults.Loss;
    private double _huberDelta = Dropout.Defaults.HuberDelta;

    /// <summary>Regression loss on standardized targets. Default <see cref="RegressionLoss.Mse"/>.</summary>
    public RegressionLoss Loss { get => _loss; set => _loss = OptionGuard.Defined(Writable(value), nameof(Loss)); }

    /// <summary>Huber threshold on standardized targets (with <see cref="RegressionLoss.Huber"/>). Default 1; &gt; 0.</summary>
    public double HuberDelta { get => _huberDelta; set => _huberDelta = OptionGuard.Positive(Writable(value), nameof(HuberDelta)); }

    private protected override void CollectTaskConflicts(TrainingTask task, List<string> errors)
    {
        base.CollectTaskConflicts(task, errors);
        if (task.IsClassification)
            errors.Add($"{GetType().Name} holds regression settings (Loss, HuberDelta) but the task is {task.Kind}: use MlpClassificationOptions.");
    }
}
