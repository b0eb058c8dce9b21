namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Several callbacks run as one, in ascending <see cref="ITrainingCallback.Order"/>; ties keep the order in which
/// they were given.
/// </summary>
public sealed class CallbackList : ITrainingCallback
{
    private readonly ITrainingCallback[] _callbacks;

    /// <summary>Creates the list, sorting a copy of <paramref name="callbacks"/> by <see cref="ITrainingCallback.Order"/> (stable).</summary>
    public CallbackList(IEnumerable<ITrainingCallback> callbacks)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        _callbacks = callbacks.Select((c, i) => (Callback: c ?? throw new ArgumentException($"Callback at index {i} is null.", nameof(callbacks)), Index: i))
            .OrderBy(x => x.Callback.Order).ThenBy(x => x.Index).Select(x => x.Callback).ToArray();
    }

    /// <summary>The callbacks in the order they run.</summary>
    public IReadOnlyList<ITrainingCallback> Callbacks => _callbacks;

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context) { foreach (var c in _callbacks) c.OnTrainBegin(context); }
    /// <inheritdoc/>
    public void OnEpochBegin(TrainingContext context) { foreach (var c in _callbacks) c.OnEpochBegin(context); }
    /// <inheritdoc/>
    public void OnBatchBegin(TrainingContext context) { foreach (var c in _callbacks) c.OnBatchBegin(context); }
    /// <inheritdoc/>
    public void OnAfterBackward(TrainingContext context) { foreach (var c in _callbacks) c.OnAfterBackward(context); }
    /// <inheritdoc/>
    public void OnAfterStep(TrainingContext context) { foreach (var c in _callbacks) c.OnAfterStep(context); }
    /// <inheritdoc/>
    public void OnBatchEnd(TrainingContext context) { foreach (var c in _callbacks) c.OnBatchEnd(context); }
    /// <inheritdoc/>
    public void OnValidationBegin(TrainingContext context) { foreach (var c in _callbacks) c.OnValidationBegin(context); }
    /// <inheritdoc/>
    public void OnEpochEnd(TrainingContext context) { foreach (var c in _callbacks) c.OnEpochEnd(context); }
    /// <inheritdoc/>
    public void OnValidationEnd(TrainingContext context) { foreach (var c in _callbacks) c.OnValidationEnd(context); }
    /// <inheritdoc/>
    public void OnTrainEnd(TrainingContext context) { foreach (var c in _callbacks) c.OnTrainEnd(context); }
}
