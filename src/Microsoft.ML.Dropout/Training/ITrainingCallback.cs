namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Hooks into the training loop. Every method has a no-op default, so a callback overrides only what it needs.
/// To stop training, set <see cref="TrainingContext.StopRequested"/>; do not throw.
/// </summary>
public interface ITrainingCallback
{
    /// <summary>Callbacks run in ascending order; ties keep registration order. Default 0.</summary>
    int Order => 0;
    /// <summary>Before the first epoch. Reset per-run state here so an instance can be reused.</summary>
    void OnTrainBegin(TrainingContext context) { }
    /// <summary>Before each epoch (after the dropout schedule set the epoch's rates).</summary>
    void OnEpochBegin(TrainingContext context) { }
    /// <summary>After each optimizer step.</summary>
    void OnBatchEnd(TrainingContext context) { }
    /// <summary>After validation; <see cref="TrainingContext.LastEpoch"/> holds the epoch's metrics.</summary>
    void OnEpochEnd(TrainingContext context) { }
    /// <summary>After the last epoch (and after best weights were restored).</summary>
    void OnTrainEnd(TrainingContext context) { }
}
