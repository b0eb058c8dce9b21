using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Estimators.Data;
using Microsoft.ML.Dropout.Estimators.Data.Streaming;
using Microsoft.ML.Dropout.Training;
using Microsoft.Extensions.Logging;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// What the three RegularizedMlp trainers share: options validated and copied at construction, schema checks,
/// one-pass data reading, the engine call and the scoring chain. The adapter converts; <see cref="MlpTrainer"/>
/// trains. A trainer adds only its task, its <c>Options</c> type and its documentation.
/// </summary>
/// <remarks>
/// <format type="text/markdown"><![CDATA[
/// ### Trainer Characteristics (every task)
/// | | |
/// | -- | -- |
/// | Is normalization required? | Yes (e.g. NormalizeMinMax or NormalizeMeanVariance) |
/// | Is caching required? | No (the data is read once into memory, or streamed through a local cache file: see the Streaming option) |
/// | Required NuGet in addition to Microsoft.ML | Microsoft.ML.Dropout.Estimators (training: TorchSharp-cpu; scoring: Microsoft.ML.OnnxTransformer) |
/// | Exportable to ONNX | Yes (Model.ExportOnnx) |
/// ]]></format>
/// Training reads the IDataView once into contiguous float buffers, or streams it through a local cache when it is
/// larger than a third of MemoryBudgetBytes (see the Streaming option), then the engine trains with TorchSharp;
/// TorchSharp never runs in scoring.
/// <para>
/// Scoring paths: the fitted transformer's Transform (and so Evaluate, CrossValidate and the generic permutation
/// feature importance) scores blocks of 2,048 rows per ONNX Runtime call, and its PredictionEngine one row into
/// buffers it owns; a model loaded with mlContext.Model.Load is a plain ML.NET chain (ApplyOnnxModel + a linear
/// head) that loads without this library and scores one row per ONNX Runtime call. Both give the same values (≤ 1e-5).
/// </para>
/// <para>
/// ML.NET features that apply: Evaluate, CrossValidate, TrainTestSplit, PredictionEngine (one per thread, or
/// PredictionEnginePool), Model.Save/Load, and the generic <c>PermutationFeatureImportance(transformer, …)</c> on the
/// fitted transformer (use it before saving: a loaded model is ML.NET's chain, not this transformer).
/// "Exportable to ONNX" means the network: <c>transformer.Model.ExportOnnx</c>. Not available to a third-party
/// trainer, because the interfaces they need are internal to ML.NET: <c>mlContext.Model.ConvertToOnnx</c> of a whole
/// pipeline (ITransformCanSaveOnnx), <c>CalculateFeatureContribution</c>, and the non-generic
/// <c>PermutationFeatureImportance(ITransformer, …)</c> overloads.
/// </para>
/// <para>
/// Errors follow ML.NET's conventions: a schema problem (missing or mistyped column, unknown-size vector) throws
/// <see cref="ArgumentOutOfRangeException"/>, data without rows <see cref="InvalidOperationException"/>; each message
/// names the column, the value and the fix. As ML.NET's own trainers do, a row whose label is missing (NaN, or the
/// missing key) or whose example weight is negative, NaN or infinite is skipped; the model's <c>Warnings</c> (and the
/// <c>Logger</c>) say how many and which came first. With the default in-model quantile preprocessing a ±∞ feature
/// value is taken as LightGBM takes it (the column's extreme quantile) and counted in the warnings the same way;
/// with another preprocessing it fails the Fit, naming the column, row and slot.
/// </para>
/// </remarks>
/// <typeparam name="TOptions">The trainer's options: engine settings plus <see cref="IRegularizedMlpDataOptions"/>.</typeparam>
public abstract class RegularizedMlpTrainerBase<TOptions> : IEstimator<RegularizedMlpPredictionTransformer>
    where TOptions : MlpTrainerOptions, IRegularizedMlpDataOptions
{
    private static readonly Action<ILogger, string, Exception?> LogReadWarning = LoggerMessage.Define<string>(
        LogLevel.Warning, new EventId(9, "DataReadNotice"), "{Warning}");

    private readonly TOptions _options;
    private readonly TaskKind _task;

    /// <summary>Validates and copies <paramref name="options"/>; later changes to the object do not affect this trainer.</summary>
    /// <exception cref="ArgumentException">An option is out of range or options conflict; the message names each and its fix.</exception>
    private protected RegularizedMlpTrainerBase(TOptions options, TaskKind task)
    {
        ArgumentNullException.ThrowIfNull(options);
        DataOptionChecks.Validate(options);
        if (options is RegularizedMlpClassificationOptionsBase { UnbalancedSets: true, ClassWeights: not null })
            throw new ArgumentException($"Both {nameof(MlpClassificationOptions.ClassWeights)} and {nameof(RegularizedMlpClassificationOptionsBase.UnbalancedSets)} are set: use ClassWeights for your own weights, or UnbalancedSets = true to derive them from class frequencies, not both.");
        _options = (TOptions)options.Clone();
        _task = task;
        // The class count is known only at Fit: until then one weight per class is taken at face value.
        _options.Validate(TrainingTask.Of(task, Math.Max(2, (_options as MlpClassificationOptions)?.ClassWeights?.Length ?? 2)));
    }

    private string FeatureColumn => _options.FeatureColumnName;
    private string LabelColumn => _options.LabelColumnName;
    private string? WeightColumn => _options.ExampleWeightColumnName;

    /// <summary>
    /// Trains on <paramref name="input"/> and monitors the <c>ValidationSet</c> option for early stopping; without it,
    /// holds out ValidationFraction of <paramref name="input"/> (stratified by label for classification).
    /// </summary>
    /// <exception cref="ArgumentException">Bad input data: the message names the column, the value and the fix.</exception>
    /// <exception cref="OperationCanceledException">The options' CancellationToken was cancelled (checked before every minibatch and between reading, training and building the scoring chain).</exception>
    public RegularizedMlpPredictionTransformer Fit(IDataView input) => Train(input, _options.ValidationSet);

    /// <summary>
    /// Trains on <paramref name="trainData"/> and monitors <paramref name="validationData"/> (transformed by the same
    /// fitted pipeline) for early stopping and best-weight restore; ValidationFraction and the ValidationSet option are then ignored.
    /// </summary>
    /// <exception cref="ArgumentException">Bad input data, or validation data that does not match the training data.</exception>
    /// <exception cref="OperationCanceledException">The options' CancellationToken was cancelled.</exception>
    public RegularizedMlpPredictionTransformer Fit(IDataView trainData, IDataView validationData)
    {
        ArgumentNullException.ThrowIfNull(validationData);
        return Train(trainData, validationData);
    }

    /// <summary>The input columns plus the columns a built-in ML.NET trainer of the same task adds (Score, and Probability/PredictedLabel for classification).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A required column is missing or has the wrong type.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (!TryFind(inputSchema, FeatureColumn, out var features))
            throw new ArgumentOutOfRangeException(nameof(inputSchema), InputErrors.FeatureColumnMissing(FeatureColumn, "input", inputSchema.Select(c => c.Name)));
        if (features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), InputErrors.FeatureColumnType(FeatureColumn, Describe(features)));
        if (!TryFind(inputSchema, LabelColumn, out var label))
            throw new ArgumentOutOfRangeException(nameof(inputSchema), InputErrors.LabelColumnMissing(LabelColumn, "input", inputSchema.Select(c => c.Name)));
        bool labelOk = label.Kind == SchemaShape.Column.VectorKind.Scalar && _task switch
        {
            TaskKind.BinaryClassification => label.ItemType is BooleanDataViewType,
            TaskKind.MulticlassClassification => label.IsKey,
            _ => label.ItemType == NumberDataViewType.Single || label.ItemType == NumberDataViewType.Double,
        };
        if (!labelOk)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), InputErrors.LabelColumnType(LabelColumn, Describe(label), _task));

        // The output shape of a built-in trainer with the same columns: nothing is trained by this call.
        var ml = new MLContext(_options.Seed);
        return _task switch
        {
            TaskKind.BinaryClassification => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(LabelColumn, FeatureColumn, WeightColumn).GetOutputSchema(inputSchema),
            TaskKind.MulticlassClassification => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(LabelColumn, FeatureColumn, WeightColumn).GetOutputSchema(inputSchema),
            _ => ml.Regression.Trainers.Sdca(LabelColumn, FeatureColumn, WeightColumn).GetOutputSchema(inputSchema),
        };
    }

    private RegularizedMlpPredictionTransformer Train(IDataView train, IDataView? validation)
    {
        ArgumentNullException.ThrowIfNull(train);
        var cancellation = _options.CancellationToken;
        cancellation.ThrowIfCancellationRequested();
        var binding = ColumnBinding.Create(train.Schema, _task, FeatureColumn, LabelColumn, WeightColumn, "training");
        var (trainData, streamed, trainingNotices) = ReadTraining(train, binding, validationGiven: validation is not null);
        var readNotices = new List<string>(trainingNotices);
        using var streamCache = streamed;
        cancellation.ThrowIfCancellationRequested();
        var labelColumn = train.Schema[LabelColumn];
        string[]? classNames = _task == TaskKind.MulticlassClassification ? MulticlassHeadData.ClassNames(labelColumn, binding.ClassCount) : null;

        var task = TrainingTask.Of(_task, binding.ClassCount);
        int trainRows = streamed?.RowCount ?? trainData!.RowCount;
        var trainCounts = !task.IsClassification ? null : streamed is null ? ClassCounts.Of(trainData!, task) : ClassCounts.FromCounts(streamed.RowsPerClass!);
        if (trainCounts is { IsSingleBinaryClass: true })
            throw new ArgumentException(InputErrors.SingleBinaryClass(LabelColumn, trainCounts.PerClass[1] > 0, trainRows));
        if (trainCounts is { HasFewerRowsThanClasses: true })
            throw new ArgumentException(InputErrors.FewerRowsThanClasses(LabelColumn, trainRows, binding.ClassCount));

        TrainingData? validData = streamed?.Validation;
        if (validation != null)
        {
            var validBinding = ColumnBinding.Create(validation.Schema, _task, FeatureColumn, LabelColumn, WeightColumn, "validation");
            if (validBinding.FeatureCount != binding.FeatureCount)
                throw new ArgumentException(InputErrors.ValidationMismatch($"the size of feature column '{FeatureColumn}'", binding.FeatureCount.ToString(), validBinding.FeatureCount.ToString()));
            if (validBinding.ClassCount != binding.ClassCount)
                throw new ArgumentException(InputErrors.ValidationMismatch($"the number of classes of label column '{LabelColumn}'", binding.ClassCount.ToString(), validBinding.ClassCount.ToString()));
            validData = TrainingDataReader.Read(validation, validBinding, _options.MemoryBudgetBytes, "validation", out var validationNotices,
                _options.Preprocessing, cancellation);
            readNotices.AddRange(validationNotices);
            if (trainCounts != null)
            {
                var validCounts = ClassCounts.Of(validData, task).PerClass;
                for (int k = 0; k < validCounts.Count; k++)
                    if (validCounts[k] > 0 && trainCounts.PerClass[k] == 0)
                        throw new ArgumentException(InputErrors.ClassOnlyInValidation(LabelColumn, classNames?[k] ?? (k == 1 ? "true" : "false"), k + 1));
            }
        }

        MlpTrainerOptions engine = _options;
        if (_options is RegularizedMlpClassificationOptionsBase { UnbalancedSets: true })
        {
            var balanced = (MlpClassificationOptions)_options.Clone();
            balanced.ClassWeights = trainCounts!.BalancedWeights();
            engine = balanced;
        }
        cancellation.ThrowIfCancellationRequested();
        if (_options.Logger is { } logger)
            foreach (string notice in readNotices)
                LogReadWarning(logger, notice, null);
        var trainer = new MlpTrainer(engine, task);
        var result = streamed is null
            ? trainer.Fit(trainData!, validData, progress: null, cancellation)
            : trainer.Fit(streamed, validData, progress: null, cancellation);
        if (result.StopReason == StopReason.Cancelled)
            throw new OperationCanceledException(result.StopMessage, cancellation);
        if (readNotices.Count > 0)
            result = result with { Warnings = [.. readNotices, .. result.Warnings] };
        if (streamed is not null)
            result = result with { Warnings = [.. result.Warnings, StreamingNotice(streamed)] };
        var chain = ScoringChainFactory.Build(result.Model, FeatureColumn, train, labelColumn, _options.Seed);
        cancellation.ThrowIfCancellationRequested();
        var model = new RegularizedMlpModelParameters(result, classNames);
        return new RegularizedMlpPredictionTransformer(model, chain, FeatureColumn, train.Schema[FeatureColumn].Type);
    }

    /// <summary>
    /// The training rows in memory, or spilled for streaming (see the <c>Streaming</c> option): Auto reads into memory
    /// until the rows take a third of the budget and then streams from a fresh cursor.
    /// </summary>
    private (TrainingData? InMemory, CachedTrainingRows? Streamed, IReadOnlyList<string> Notices) ReadTraining(IDataView train, ColumnBinding binding, bool validationGiven)
    {
        IReadOnlyList<string> notices = [];
        long budget = _options.MemoryBudgetBytes;
        var inMemory = _options.Streaming switch
        {
            StreamingMode.Never => TrainingDataReader.Read(train, binding, budget, "training", out notices, _options.Preprocessing, _options.CancellationToken),
            StreamingMode.Auto => TrainingDataReader.ReadWithinBudget(train, binding, budget / 3, "training", _options.Preprocessing, out notices, _options.CancellationToken),
            _ => null,
        };
        if (inMemory is not null)
            return (inMemory, null, notices);
        if (_options.Streaming == StreamingMode.Auto)
            GC.Collect(); // the abandoned read's buffers (up to a third of the budget) must not add to the streaming peak
        var settings = new StreamingSettings(budget, _options.Seed, validationGiven ? 0 : _options.ValidationFraction, _options.Preprocessing, _options.StreamingCacheDirectory);
        var streamed = StreamingReader.Read(train, binding, settings, _options.CancellationToken);
        return (null, streamed, streamed.Notices);
    }

    /// <summary>Tells that the data was streamed, and when the validation rows were a subset of the held-out ones.</summary>
    private string StreamingNotice(CachedTrainingRows streamed)
    {
        string reason = _options.Streaming == StreamingMode.Always ? "Streaming = Always" : $"they take more than a third of MemoryBudgetBytes = {_options.MemoryBudgetBytes}";
        int kept = streamed.Validation?.RowCount ?? 0;
        string validation = kept < streamed.HeldOutRows
            ? $" Of the {streamed.HeldOutRows} rows held out for validation, the {kept} that fit an eighth of the budget were used: raise MemoryBudgetBytes or pass a ValidationSet to use more."
            : "";
        return $"Trained by streaming the {streamed.RowCount} training rows through a local cache ({reason}); statistics came from a sample of {streamed.Sample.RowCount} rows.{validation}";
    }

    private static bool TryFind(SchemaShape shape, string name, out SchemaShape.Column column)
    {
        foreach (var c in shape)
            if (c.Name == name) { column = c; return true; }
        column = default;
        return false;
    }

    private static string Describe(SchemaShape.Column column)
    {
        string item = column.IsKey ? $"Key<{column.ItemType}>" : $"{column.ItemType}";
        return column.Kind switch
        {
            SchemaShape.Column.VectorKind.Scalar => item,
            SchemaShape.Column.VectorKind.Vector => $"Vector<{item}>",
            _ => $"Vector<{item}> of unknown size",
        };
    }
}
