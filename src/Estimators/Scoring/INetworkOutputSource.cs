namespace Microsoft.ML.Dropout.Estimators.Scoring;

/// <summary>A row position and the network output computed for it: what <see cref="HeadInputRow"/> serves to the head.</summary>
internal interface INetworkOutputSource
{
    /// <summary>Position of the current row.</summary>
    long Position { get; }

    /// <summary>The current row's network output (<see cref="BlockScorer.OutputWidth"/> values), computed if needed.</summary>
    ReadOnlySpan<float> CurrentOutput();
}
