namespace Microsoft.ML.Dropout.Training.Callbacks;

/// <summary>Best value so far and epochs since it: the shared logic of early stopping and restore-best-weights.</summary>
internal sealed class ImprovementTracker
{
    internal ImprovementTracker(bool higherIsBetter, double minDelta)
    {
        HigherIsBetter = higherIsBetter;
        MinDelta = minDelta;
        Reset();
    }

    internal bool HigherIsBetter { get; set; }
    internal double MinDelta { get; }
    internal double Best { get; private set; }
    /// <summary>1-based index of the update that set <see cref="Best"/> (0 = none yet).</summary>
    internal int BestIndex { get; private set; }
    /// <summary>Updates since the last improvement.</summary>
    internal int Wait { get; private set; }
    internal int Count { get; private set; }

    internal void Reset()
    {
        Best = HigherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;
        BestIndex = 0;
        Wait = 0;
        Count = 0;
    }

    /// <summary>Records <paramref name="value"/>; true when it improves on the best by more than MinDelta (NaN never does).</summary>
    internal bool Update(double value)
    {
        Count++;
        bool improved = !double.IsNaN(value) && (HigherIsBetter ? value > Best + MinDelta : value < Best - MinDelta);
        if (improved)
        {
            Best = value;
            BestIndex = Count;
            Wait = 0;
        }
        else
        {
            Wait++;
        }
        return improved;
    }
}
