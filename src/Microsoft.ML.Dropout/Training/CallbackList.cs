namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Several callbacks run as one, in ascending <see cref="ITrainingCallback.Order"/>; ties keep the order in which
/// they were given.
/// </summary>
public sealed class CallbackList : ITrainingCallback
{
    /// <summary>Creates the list, sorting a copy of <paramref name="callbacks"/> by <see cref="ITrainingCallback.Order"/> (stable).</summary>
    public CallbackList(IEnumerable<ITrainingCallback> callbacks)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        Callbacks = callbacks.Select((c, i) => (Callback: c ?? throw new ArgumentException($"Callback at index {i} is null.", nameof(callbacks)), Index: i))
            .OrderBy(x => x.Callback.Order).ThenBy(x => x.Index).Select(x => x.Callback).ToArray();
    }

    /// <summary>The callbacks in the order they run.</summary>
    public IReadOnlyList<ITrainingCallback> Callbacks { get; }

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context) { foreach (var c in Callbacks) c.OnTrainBegin(context); }
    /// <inheritdoc/>
    public void OnEpochBegin(TrainingContext context) { foreach (var c in Callbacks) c.OnEpochBegin(context); }
    /// <inheritdoc/>
    public void OnBatchEnd(TrainingContext context) { foreach (var c in Callbacks) c.OnBatchEnd(context); }
    /// <inheritdoc/>
    public void OnEpochEnd(TrainingContext context) { foreach (var c in Callbacks) c.OnEpochEnd(context); }
    /// <inheritdoc/>
    public void OnTrainEnd(TrainingContext context) { foreach (var c in Callbacks) c.OnTrainEnd(context); }
}
