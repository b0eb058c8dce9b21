using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Data;

/// <summary>
/// Reads an <see cref="IDataView"/> into a <see cref="TrainingData"/> with one cursor pass
/// (<see cref="TrainingRowCursor"/>) into contiguous float buffers (features n×d row-major, labels, optional
/// weights). A row with a missing label or a bad weight is skipped, as ML.NET's trainers do, and described in a notice
/// for the warnings, as are accepted ±∞ feature values (<see cref="FeaturePreprocessingValues"/>); a refused feature value
/// throws after the pass with the count and the first offending row, so nothing half-read is ever trained on. Labels
/// become 0/1 (binary), key − 1 (multiclass) or the value (regression).
/// </summary>
internal static class TrainingDataReader
{
    /// <summary>Rows read between two checks of the cancellation token.</summary>
    internal const int RowsPerCancellationCheck = 4096;

    /// <summary>
    /// Reads every row; rows taking more than <paramref name="memoryBudgetBytes"/> throw the memory-budget error.
    /// <paramref name="notices"/> says what was skipped and which ±∞ values were accepted
    /// (<see cref="TrainingRowCursor.Finish"/>), empty when nothing was.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked every <see cref="RowsPerCancellationCheck"/> rows).</exception>
    internal static TrainingData Read(IDataView data, ColumnBinding binding, long memoryBudgetBytes, string role, out IReadOnlyList<string> notices,
        FeaturePreprocessing preprocessing = FeaturePreprocessing.None, CancellationToken cancellationToken = default)
        => Read(data, binding, memoryBudgetBytes, role, preprocessing, nullAboveBudget: false, out notices, cancellationToken)!;

    /// <summary>
    /// Reads every row, or returns null as soon as the rows would take more than <paramref name="memoryBudgetBytes"/>
    /// (the caller then streams); <paramref name="notices"/> as for <see cref="Read(IDataView, ColumnBinding, long, string, out IReadOnlyList{string}, FeaturePreprocessing, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked every <see cref="RowsPerCancellationCheck"/> rows).</exception>
    internal static TrainingData? ReadWithinBudget(IDataView data, ColumnBinding binding, long memoryBudgetBytes, string role, FeaturePreprocessing preprocessing,
        out IReadOnlyList<string> notices, CancellationToken cancellationToken)
        => Read(data, binding, memoryBudgetBytes, role, preprocessing, nullAboveBudget: true, out notices, cancellationToken);

    private static TrainingData? Read(IDataView data, ColumnBinding binding, long memoryBudgetBytes, string role, FeaturePreprocessing preprocessing, bool nullAboveBudget,
        out IReadOnlyList<string> notices, CancellationToken cancellationToken)
    {
        notices = [];
        int d = binding.FeatureCount;
        var buffers = new Buffers(d, binding.WeightColumn is not null, data.GetRowCount(), memoryBudgetBytes, role);
        using var cursor = new TrainingRowCursor(data, binding, role, preprocessing);
        var row = new float[d];
        int n = 0;
        while (cursor.Read(row, out float label, out float weight))
        {
            if (n % RowsPerCancellationCheck == 0)
                cancellationToken.ThrowIfCancellationRequested();
            if (!buffers.MakeRoomFor(n, throwAboveBudget: !nullAboveBudget))
                return null;
            row.CopyTo(buffers.Features.AsSpan(n * d, d));
            buffers.Labels[n] = label;
            if (buffers.Weights is not null)
                buffers.Weights[n] = weight;
            n++;
        }

        if (cursor.Row == 0)
            throw InputErrors.NoUsableRows(InputErrors.NoRows(role));
        if (n == 0)
            throw InputErrors.NoUsableRows(cursor.Skipped.NothingLeft(binding, role, cursor.Row));
        notices = cursor.Finish();
        return buffers.ToTrainingData(n);
    }

    /// <summary>Contiguous feature, label and weight buffers that grow by doubling within the memory budget.</summary>
    private sealed class Buffers(int featureCount, bool hasWeights, long? knownRows, long memoryBudgetBytes, string role)
    {
        private readonly long _bytesPerRow = BytesPerRow(featureCount, hasWeights);
        private int _capacity = (int)Math.Clamp(knownRows ?? 1024, 1,
            Math.Max(1, Math.Min(int.MaxValue / Math.Max(featureCount, 1), memoryBudgetBytes / BytesPerRow(featureCount, hasWeights))));

        internal float[] Features = [];
        internal float[] Labels = [];
        internal float[]? Weights;

        /// <summary>Ensures row <paramref name="row"/> fits; when it would not, throws the memory-budget error or returns false.</summary>
        internal bool MakeRoomFor(int row, bool throwAboveBudget)
        {
            if (Labels.Length == 0)
                Resize(_capacity);
            if (row < _capacity)
                return true;
            long needed = (long)(row + 1) * _bytesPerRow;
            if (needed > memoryBudgetBytes || (long)(row + 1) * featureCount > Array.MaxLength)
                return throwAboveBudget ? throw new ArgumentException(InputErrors.TooManyBytes(role, row + 1, featureCount, needed, memoryBudgetBytes)) : false;
            _capacity = (int)Math.Min(Math.Min((long)_capacity * 2, memoryBudgetBytes / _bytesPerRow), Array.MaxLength / Math.Max(featureCount, 1));
            Resize(Math.Max(_capacity, row + 1));
            return true;
        }

        internal TrainingData ToTrainingData(int rows)
        {
            if (rows < Labels.Length)
                Resize(rows);
            return new TrainingData(Features, rows, featureCount, Labels, Weights);
        }

        /// <summary>Features, label and (optional) weight as Single.</summary>
        private static long BytesPerRow(int featureCount, bool hasWeights) => 4L * featureCount + 4 + (hasWeights ? 4 : 0);

        private void Resize(int rows)
        {
            _capacity = rows;
            Array.Resize(ref Features, checked(rows * featureCount));
            Array.Resize(ref Labels, rows);
            if (hasWeights) Array.Resize(ref Weights, rows);
        }
    }
}
