namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Hooks into the training loop. Every method has a no-op default, so a callback overrides only what it needs.
/// The built-ins (dropout and learning-rate schedules, gradient clipping, max-norm, history, early stopping,
/// progress, logging) are callbacks too, so a user callback can do anything they do. To end training, call
/// <see cref="TrainingContext.Stop"/>; do not throw.
/// </summary>
/// <remarks>
/// Per batch the loop calls <see cref="OnBatchBegin"/>, runs forward and the loss, calls backward, then
/// <see cref="OnAfterBackward"/> (gradients exist), steps the optimizer, then <see cref="OnAfterStep"/> and
/// <see cref="OnBatchEnd"/>. Tensors created in the first three batch hooks are disposed with the batch. Per epoch,
/// after the last batch: <see cref="OnValidationBegin"/>, the validation pass, <see cref="OnEpochEnd"/>, then
/// <see cref="OnValidationEnd"/> — the weights in the network between the two validation hooks are the ones
/// validated and seen by every <see cref="OnEpochEnd"/> (e.g. the averaged weights of
/// <see cref="Callbacks.WeightAveraging"/>).
/// </remarks>
public interface ITrainingCallback
{
    /// <summary>Callbacks run in ascending order; ties keep registration order (built-ins that set up an epoch or batch come first, progress and logging last). Default 0.</summary>
    int Order => 0;
    /// <summary>Before the first epoch. Reset per-run state here so an instance can be reused.</summary>
    void OnTrainBegin(TrainingContext context) { }
    /// <summary>Before each epoch (after the dropout schedule set the epoch's rates).</summary>
    void OnEpochBegin(TrainingContext context) { }
    /// <summary>Before each minibatch's forward pass (after the learning-rate schedule set the batch's rate).</summary>
    void OnBatchBegin(TrainingContext context) { }
    /// <summary>After backward, before the optimizer step: every parameter's gradient is available (e.g. to clip it).</summary>
    void OnAfterBackward(TrainingContext context) { }
    /// <summary>Right after the optimizer step (e.g. to constrain the new weights).</summary>
    void OnAfterStep(TrainingContext context) { }
    /// <summary>After each minibatch; <see cref="TrainingContext.BatchLoss"/> holds its loss.</summary>
    void OnBatchEnd(TrainingContext context) { }
    /// <summary>
    /// After the epoch's last minibatch, before the validation pass (called also without validation data, and not
    /// for an epoch cancelled part-way). A callback may put other weights into the network here, e.g. an average of
    /// the weights: they are then validated, seen by every <see cref="OnEpochEnd"/> (early stopping keeps them as the
    /// best weights) and must be swapped back in <see cref="OnValidationEnd"/>.
    /// </summary>
    void OnValidationBegin(TrainingContext context) { }
    /// <summary>After validation; <see cref="TrainingContext.LastEpoch"/> holds the epoch's metrics.</summary>
    void OnEpochEnd(TrainingContext context) { }
    /// <summary>
    /// After every callback's <see cref="OnEpochEnd"/>, before the next epoch (or <see cref="OnTrainEnd"/>): put back
    /// the weights training continues from, if <see cref="OnValidationBegin"/> replaced them.
    /// </summary>
    void OnValidationEnd(TrainingContext context) { }
    /// <summary>After the last epoch, in eval mode (early stopping restores the best weights here, before callbacks with a higher order).</summary>
    void OnTrainEnd(TrainingContext context) { }
}
