namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// The values training actually used where an option says "by rule" (null) or has to fit the data: the one place
/// the data-dependent defaults are decided. <see cref="Resolve"/> runs after the validation split; the result is
/// recorded in <see cref="TrainingResult.Settings"/>, its <see cref="Warnings"/> in <see cref="TrainingResult.Warnings"/>.
/// </summary>
/// <param name="BatchSize">Rows per minibatch: <c>BatchSize</c>, or by rule when null (<see cref="BatchSizeByRule"/>), and never more than the training rows.</param>
/// <param name="MaxEpochs">Epochs to run at most: <c>MaxEpochs</c>, or by rule when null (<see cref="MaxEpochsByRule"/>).</param>
/// <param name="WarmupEpochs">Warm-up epochs: <c>WarmupEpochs</c>, or min(<see cref="Defaults.WarmupEpochs"/>, MaxEpochs − 1) when null.</param>
/// <param name="TrainingRows">Training rows after the validation split.</param>
/// <param name="ValidationRows">Validation rows (0 = no validation).</param>
/// <param name="Warnings">What the user should know about these choices (a capped batch size, a small validation part).</param>
public sealed record ResolvedSettings(int BatchSize, int MaxEpochs, int WarmupEpochs, int TrainingRows, int ValidationRows, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// The batch size when <c>BatchSize</c> is null: the largest power of two ≤ rows / <see cref="Defaults.BatchRowsDivisor"/>,
    /// within [<see cref="Defaults.MinBatchSize"/>, <see cref="Defaults.MaxBatchSize"/>], and never more than the rows.
    /// </summary>
    public static int BatchSizeByRule(int trainingRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trainingRows, 1);
        int target = Math.Max(1, trainingRows / Defaults.BatchRowsDivisor), batch = Defaults.MinBatchSize;
        while (batch * 2 <= target && batch < Defaults.MaxBatchSize) batch *= 2;
        return Math.Min(batch, trainingRows);
    }

    /// <summary>
    /// The epoch count when <c>MaxEpochs</c> is null: enough epochs of <paramref name="batchSize"/> rows for
    /// <see cref="Defaults.TargetSteps"/> optimizer steps, within [<see cref="Defaults.MinMaxEpochs"/>, <see cref="Defaults.MaxMaxEpochs"/>].
    /// </summary>
    public static int MaxEpochsByRule(int trainingRows, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trainingRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        long stepsPerEpoch = ((long)trainingRows + batchSize - 1) / batchSize;
        return (int)Math.Clamp((Defaults.TargetSteps + stepsPerEpoch - 1) / stepsPerEpoch, Defaults.MinMaxEpochs, Defaults.MaxMaxEpochs);
    }

    /// <summary>
    /// The most columns the numeric embedding embeds: <c>MaxEmbeddedColumns</c>, or by rule for <see cref="TrainingRows"/>
    /// when null (<see cref="Networks.Tabular.EmbeddedColumnsRule.MaxColumns"/>; for streamed data the stream's row count, not its sample's).
    /// </summary>
    public int MaxEmbeddedColumns { get; init; } = Defaults.EmbeddedColumnsAtAnyRowCount;

    /// <summary>The fraction of the training data held out as the internal validation split (<c>ValidationFraction</c>); null when a validation set was passed or there is none.</summary>
    public double? InternalValidationFraction { get; init; }

    /// <summary>Resolves the rule-based settings of <paramref name="options"/> for this many training and validation rows.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trainingRows"/> is below 1 or <paramref name="validationRows"/> is negative.</exception>
    /// <exception cref="ArgumentException">BatchNorm with one training row (batches of one row; a one-row last batch joins the previous batch instead).</exception>
    public static ResolvedSettings Resolve(MlpTrainerOptions options, int trainingRows, int validationRows)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(trainingRows, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(validationRows);
        var warnings = new List<string>();

        int batchSize = Math.Min(options.BatchSize ?? BatchSizeByRule(trainingRows), trainingRows);
        if (options.BatchSize is int asked && asked > trainingRows)
            warnings.Add($"BatchSize = {asked} is more than the {trainingRows} training rows (after the validation split): using batches of {trainingRows} rows.");

        if (options.Normalization == Normalization.BatchNorm && batchSize < 2)
            throw new ArgumentException($"Normalization = BatchNorm needs batches of at least 2 rows, but only {trainingRows} training row remains after the validation split: add training rows, lower ValidationFraction, or use Normalization = LayerNorm.");

        int maxEpochs = options.MaxEpochs ?? MaxEpochsByRule(trainingRows, batchSize);
        if (options.LearningRateSchedule == LearningRateScheduleKind.WarmupCosine && options.MaxEpochs is null && options.WarmupEpochs is int askedWarmup && askedWarmup >= maxEpochs)
            throw new ArgumentException($"WarmupEpochs = {askedWarmup} must be smaller than the {maxEpochs} epochs chosen by rule for {trainingRows} training rows: lower WarmupEpochs or set MaxEpochs.");
        int warmup = options.WarmupEpochs ?? Math.Min(Defaults.WarmupEpochs, maxEpochs - 1);

        if (validationRows > 0 && validationRows < Defaults.SmallValidationRows)
            warnings.Add($"The validation part has only {validationRows} rows (fewer than {Defaults.SmallValidationRows}): its loss is noisy, so early stopping and the best epoch are unreliable. " +
                "Pass a larger validation set to Fit, raise ValidationFraction, or set EarlyStoppingPatience = null and use cross-validation.");
        return new ResolvedSettings(batchSize, maxEpochs, warmup, trainingRows, validationRows, warnings)
        {
            MaxEmbeddedColumns = options.MaxEmbeddedColumns ?? Networks.Tabular.EmbeddedColumnsRule.MaxColumns(trainingRows),
        };
    }
}
