namespace MLNetRegularization.Bench.FitPhases;

/// <summary>Seconds of one Fit by phase (inside Fit, from the timing callbacks) and of its components measured on their own.</summary>
internal sealed record FitPhaseTimes
{
    public double Total { get; init; }
    /// <summary>Process CPU seconds during the Fit (all threads: libtorch's one, ML.NET's, the GC).</summary>
    public double TotalCpu { get; init; }
    /// <summary>Fit start → first OnTrainBegin: read, checks, split, front fitting, network, tensors, optimizer, callbacks.</summary>
    public double Prepare { get; init; }
    /// <summary>Sum over epochs of first OnEpochBegin → last OnBatchEnd.</summary>
    public double Batches { get; init; }
    /// <summary>Sum over epochs of last OnBatchEnd → last OnEpochEnd: validation pass, history, best-weights copy, other callbacks.</summary>
    public double ValidationAndCallbacks { get; init; }
    /// <summary>OnTrainEnd, first → last callback: early stopping's best-weights restore.</summary>
    public double Restore { get; init; }
    /// <summary>Last OnTrainEnd → Fit returns: final-weight checks, snapshot, scoring chain, model parameters.</summary>
    public double Finish { get; init; }
    public int Epochs { get; init; }

    // On their own, outside Fit.
    public double Read { get; init; }
    public double FrontFit { get; init; }
    public double NetworkBuild { get; init; }
    public double ValidationPass { get; init; }
    public double WeightsCopy { get; init; }
    public double OnnxExport { get; init; }
    public double ChainBuild { get; init; }
}
