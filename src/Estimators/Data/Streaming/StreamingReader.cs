namespace Microsoft.ML.Dropout.Estimators.Data.Streaming;

/// <summary>
/// The first pass of a streamed Fit: one cursor pass over the training IDataView that checks every value, holds out
/// the validation rows by <see cref="RowHash"/> (row content and seed; the same rows in any order), spills the
/// training rows to a <see cref="RowCache"/>, counts rows and classes, and keeps the statistics sample (the rows
/// with the smallest second hash). Rows with a missing label or a bad weight are skipped (<see cref="SkippedRows"/>); refused
/// feature values throw after the pass, as in memory; the source's own failures name
/// the row and the source; either way the cache is deleted before the exception leaves.
/// </summary>
internal static class StreamingReader
{
    /// <param name="data">The training data.</param>
    /// <param name="binding">Its columns.</param>
    /// <param name="settings">Budget, seed, validation fraction (0 when a validation set is given), cache directory.</param>
    /// <param name="cancellationToken">Checked every <see cref="TrainingDataReader.RowsPerCancellationCheck"/> rows.</param>
    internal static CachedTrainingRows Read(IDataView data, ColumnBinding binding, StreamingSettings settings, CancellationToken cancellationToken)
    {
        int d = binding.FeatureCount;
        bool hasWeights = binding.WeightColumn is not null;
        var budget = StreamingBudget.For(settings.MemoryBudgetBytes, d, hasWeights);
        var cache = new RowCache(settings.CacheDirectory, budget.RowFloats, budget.BlockRows);
        try
        {
            using var cursor = new TrainingRowCursor(data, binding, "training", settings.Preprocessing);
            var sample = new SmallestHashRows(budget.SampleRows, d, hasWeights);
            var validation = new SmallestHashRows(budget.ValidationRows, d, hasWeights);
            var perClass = binding.Task == TaskKind.Regression ? null : new int[binding.ClassCount];
            var row = new float[d];
            while (cursor.Read(row, out float label, out float weight))
            {
                if (cursor.Row % TrainingDataReader.RowsPerCancellationCheck == 0)
                    cancellationToken.ThrowIfCancellationRequested();
                if (settings.ValidationFraction > 0 && RowHash.Unit(RowHash.Of(row, label, weight, settings.Seed, salt: 0)) < settings.ValidationFraction)
                {
                    validation.Offer(RowHash.Of(row, label, weight, settings.Seed, salt: 1), row, label, weight);
                    continue;
                }
                cache.Append(row, label, weight);
                if (perClass is not null && label >= 0 && label < perClass.Length)
                    perClass[(int)label]++;
                sample.Offer(RowHash.Of(row, label, weight, settings.Seed, salt: 2), row, label, weight);
            }
            if (cursor.Row == 0)
                throw InputErrors.NoUsableRows(InputErrors.NoRows("training"));
            if (cursor.Skipped.Count == cursor.Row)
                throw InputErrors.NoUsableRows(cursor.Skipped.NothingLeft(binding, "training", cursor.Row));
            var notices = cursor.Finish();
            if (cache.RowCount == 0)
                throw new ArgumentException(InputErrors.NoTrainingRowsLeft(cursor.Row, settings.ValidationFraction));
            cache.FinishWriting();
            return new CachedTrainingRows(cache, d, sample.ToTrainingData()!, budget.ShuffleRows, settings.Seed)
            {
                Validation = validation.ToTrainingData(),
                HeldOutRows = validation.Offered,
                RowsPerClass = perClass,
                Notices = notices,
            };
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }
}
