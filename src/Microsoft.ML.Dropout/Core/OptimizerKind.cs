namespace Microsoft.ML.Dropout;

/// <summary>How weight decay is applied.</summary>
public enum OptimizerKind
{
    /// <summary>AdamW: decoupled decay w ← w − η·λ·w, independent of the adaptive step (Loshchilov &amp; Hutter 2019).</summary>
    AdamW,
    /// <summary>Adam with L2 added to the gradient (λ·w), divided by √v̂ like any gradient; kept for comparison.</summary>
    AdamL2,
}
