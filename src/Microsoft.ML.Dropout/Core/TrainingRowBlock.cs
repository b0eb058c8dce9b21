namespace Microsoft.ML.Dropout;

/// <summary>
/// A block of rows of an <see cref="IStreamedTrainingData"/> pass: the first <see cref="RowCount"/> rows of the
/// buffers (which may be longer) are valid until the pass's enumerator moves on.
/// </summary>
/// <param name="Features">Row-major features, at least <see cref="RowCount"/> × FeatureCount values.</param>
/// <param name="Labels">One label per row, at least <see cref="RowCount"/> values.</param>
/// <param name="Weights">One example weight per row, or null when the data has no weights.</param>
/// <param name="RowCount">Valid rows in this block (≥ 0).</param>
public readonly record struct TrainingRowBlock(float[] Features, float[] Labels, float[]? Weights, int RowCount);
