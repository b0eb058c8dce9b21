namespace Streaming.Bench;

/// <summary>What one mode's process measured (written by the child as one JSON line, read by the parent).</summary>
/// <param name="Mode">inmemory, idv or sqlite.</param>
/// <param name="BaselineMb">VmRSS after libtorch is loaded and a small warm-up Fit.</param>
/// <param name="PeakGrowthMb">VmHWM after the Fit minus the baseline.</param>
/// <param name="SecondsPerEpoch">Mean of the epochs' own times (the loop only).</param>
/// <param name="OtherFitSeconds">Fit time (the ML.NET Fit call) outside the epochs: reading the data (for streaming: the first pass that writes the cache), network build, scoring chain.</param>
/// <param name="Accuracy">Test accuracy on 100,000 fresh rows.</param>
/// <param name="TrainingRows">Rows trained on (after the validation hold-out).</param>
/// <param name="Streamed">Whether the trainer streamed.</param>
internal sealed record ModeResult(string Mode, double BaselineMb, double PeakGrowthMb, double SecondsPerEpoch, double OtherFitSeconds,
    double Accuracy, int TrainingRows, bool Streamed);
