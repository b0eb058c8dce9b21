namespace Microsoft.ML.Dropout.Snapshots.Tabular;

/// <summary>
/// What the managed evaluator and the ONNX writer need to know of every tabular snapshot layer (preprocessing,
/// numeric embeddings, ensemble layers, RealMLP pieces). Ensemble layers see a row as k members × width values
/// (row-major [N, k, width]); the others see [N, width].
/// </summary>
internal interface ITabularSnapshotLayer
{
    /// <summary>Values per row the layer reads (k·width for ensemble layers).</summary>
    int InputWidth { get; }

    /// <summary>Values per row the layer writes (k·width for ensemble layers).</summary>
    int OutputWidth { get; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the layer and the array whose length does not fit its shape.</summary>
    void Validate();
}
