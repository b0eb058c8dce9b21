using System.Diagnostics;
using Microsoft.ML.Dropout.Training;

namespace MLNetRegularization.Bench.FitPhases;

/// <summary>
/// Timestamps a Fit from the outside: added twice to the options' callbacks, once ordered first and once last, so
/// that the epoch's minibatches (first OnEpochBegin → last OnBatchEnd) and what follows them (validation, then
/// every end-of-epoch callback) are told apart. Built-in callbacks ordered "first" (history, early stopping, clipping)
/// tie with <see cref="int.MinValue"/> and run before the first stamp of OnEpochEnd: they count as validation + callbacks.
/// </summary>
internal sealed class PhaseTimer
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _trainBegin, _epochBegin, _lastBatchEnd, _trainEndFirst, _trainEndLast;
    private double _batches, _afterBatches;

    /// <summary>The callback that runs first in every hook.</summary>
    public ITrainingCallback First => new Stamp(this, int.MinValue);

    /// <summary>The callback that runs last in every hook.</summary>
    public ITrainingCallback Last => new Stamp(this, int.MaxValue);

    /// <summary>The phases of a Fit that took <paramref name="totalSeconds"/> from this timer's creation to its return.</summary>
    public FitPhaseTimes Times(double totalSeconds) => new()
    {
        Total = totalSeconds,
        Prepare = _trainBegin,
        Batches = _batches,
        ValidationAndCallbacks = _afterBatches,
        Restore = _trainEndLast - _trainEndFirst,
        Finish = totalSeconds - _trainEndLast,
    };

    private sealed class Stamp(PhaseTimer timer, int order) : ITrainingCallback
    {
        public int Order => order;
        private bool IsFirst => order == int.MinValue;
        private double Now => timer._clock.Elapsed.TotalSeconds;

        public void OnTrainBegin(TrainingContext context) { if (IsFirst) timer._trainBegin = Now; }
        public void OnEpochBegin(TrainingContext context) { if (IsFirst) timer._epochBegin = Now; }
        public void OnBatchEnd(TrainingContext context) { if (!IsFirst) timer._lastBatchEnd = Now; }
        public void OnEpochEnd(TrainingContext context)
        {
            if (IsFirst) return;
            timer._batches += timer._lastBatchEnd - timer._epochBegin;
            timer._afterBatches += Now - timer._lastBatchEnd;
        }
        public void OnTrainEnd(TrainingContext context)
        {
            if (IsFirst) timer._trainEndFirst = Now;
            else timer._trainEndLast = Now;
        }
    }
}
