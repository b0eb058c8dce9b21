namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// The one lock every <see cref="MlpTrainer.Fit(TrainingData, TrainingData, IProgress{EpochMetrics}, CancellationToken)"/> in the process holds while it uses libtorch's process-wide state:
/// the seed and default generator (initialization and every dropout mask draw from it) and the intra-op thread
/// count. Fits that overlap in time therefore train one after the other, and two Fits with the same seed give the
/// same weights whether they run concurrently or in sequence (issue 13, option (a): the seeded numbers stay
/// bit-identical to a lone Fit). Only the engine's own Fits take it: other TorchSharp code running meanwhile in the
/// same process can still draw from the global generator.
/// </summary>
internal static class TorchGlobalStateLock
{
    /// <summary>Held from seeding the generator to the end of the last epoch (the snapshot and temperature fit run outside).</summary>
    internal static readonly object Gate = new();

    /// <summary>Waits for <see cref="Gate"/>, looking at <paramref name="cancellationToken"/> every 50 ms while another Fit holds it; the caller exits with <see cref="Monitor.Exit"/>.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled while another Fit held the lock.</exception>
    internal static void Enter(CancellationToken cancellationToken)
    {
        while (!Monitor.TryEnter(Gate, 50))
            cancellationToken.ThrowIfCancellationRequested();
    }
}
