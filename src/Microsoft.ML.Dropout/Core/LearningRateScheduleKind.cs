namespace Microsoft.ML.Dropout;

/// <summary>Learning-rate schedule over training.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>The base learning rate throughout.</summary>
    Constant,
    /// <summary>Linear warm-up from 0 over the warm-up epochs, then cosine annealing to 1% of the base rate.</summary>
    WarmupCosine,
    /// <summary>One-cycle (Smith 2018): cosine up to the base rate over the first 30% of steps, then cosine down.</summary>
    OneCycle,
    /// <summary>Multiply by 0.1 every third of MaxEpochs.</summary>
    Step,
    /// <summary>Halve the rate when the validation loss has not improved for a few epochs.</summary>
    ReduceOnPlateau,
    /// <summary>
    /// RealMLP-TD's "coslog4": four cosine rises and falls on a log₂ time axis, each cycle twice as long as the one
    /// before, starting and ending at 0 (<c>CosLogLearningRate</c>).
    /// </summary>
    CosLog4,
}
