namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>
/// Where the trainer's default callbacks run among the user's: the ones that set up an epoch or a batch, constrain
/// the weights, record the history or decide early stopping run before any user callback of a higher order; progress
/// and logging run after all of them, so they report the final state of the epoch.
/// </summary>
internal static class BuiltInCallbackOrder
{
    /// <summary>Schedules, clipping, max-norm, weight averaging, history, early stopping (ties keep that registration order).</summary>
    internal const int First = int.MinValue;

    /// <summary>Progress reporter and logger.</summary>
    internal const int Last = int.MaxValue;
}
