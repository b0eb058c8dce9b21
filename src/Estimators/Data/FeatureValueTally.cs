namespace Microsoft.ML.Dropout.Estimators.Data;

/// <summary>
/// Counts feature values of one kind during a pass (those the model's preprocessing refuses, or the ±∞ it takes:
/// <see cref="FeaturePreprocessingValues"/>) and keeps the first with its row and slot, so the error or the warning names them after one full pass.
/// </summary>
internal sealed class FeatureValueTally
{
    /// <summary>Values counted.</summary>
    internal long Count { get; private set; }

    /// <summary>The first value's row (0-based), or −1.</summary>
    internal long FirstRow { get; private set; } = -1;

    /// <summary>The first value's slot in the feature vector, or −1.</summary>
    internal int FirstSlot { get; private set; } = -1;

    /// <summary>The first value.</summary>
    internal float FirstValue { get; private set; }

    internal void Add(long row, int slot, float value)
    {
        if (Count++ == 0) (FirstRow, FirstSlot, FirstValue) = (row, slot, value);
    }
}
