using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Estimators.Data;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// What the three public trainers share: options frozen and validated at construction, schema checks, one-pass
/// data reading, the engine call and the scoring chain. The adapter converts; <see cref="MlpTrainer"/> trains.
/// </summary>
internal sealed class RegularizedMlpTrainerCore
{
    private readonly RegularizedMlpOptionsBase _options;
    private readonly TaskKind _task;

    internal RegularizedMlpTrainerCore(RegularizedMlpOptionsBase options, TaskKind task)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ValidateAdapterOptions();
        _options = options.Freeze();
        _task = task;
        // Single values are checked by the engine's setters, combinations by Validate (class count is known only at Fit).
        var engine = _options.ToEngineOptions(task);
        if (task == TaskKind.MulticlassClassification)
            engine.ClassCount = Math.Max(2, engine.ClassWeights?.Length ?? 2);
        engine.Validate();
    }

    internal string FeatureColumn => _options.FeatureColumnName;
    internal string LabelColumn => _options.LabelColumnName;
    internal string? WeightColumn => _options.ExampleWeightColumnName;

    internal SchemaShape GetOutputSchema(SchemaShape inputSchema)
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

    internal RegularizedMlpPredictionTransformer Fit(IDataView train, IDataView? validation)
    {
        ArgumentNullException.ThrowIfNull(train);
        var binding = ColumnBinding.Create(train.Schema, _task, FeatureColumn, LabelColumn, WeightColumn, "training");
        var trainData = TrainingDataReader.Read(train, binding, _options.MemoryBudgetBytes, "training");
        var labelColumn = train.Schema[LabelColumn];
        string[]? classNames = _task == TaskKind.MulticlassClassification ? MulticlassHeadData.ClassNames(labelColumn, binding.ClassCount) : null;

        int[]? trainCounts = binding.ClassCount > 0 ? CountClasses(trainData, binding.ClassCount) : null;
        if (_task == TaskKind.BinaryClassification && (trainCounts![0] == 0 || trainCounts[1] == 0))
            throw new ArgumentException(InputErrors.SingleBinaryClass(LabelColumn, trainCounts[1] > 0, trainData.RowCount));
        if (_task == TaskKind.MulticlassClassification && trainData.RowCount < binding.ClassCount)
            throw new ArgumentException(InputErrors.FewerRowsThanClasses(LabelColumn, trainData.RowCount, binding.ClassCount));
        if (trainData.RowCount < _options.BatchSize)
            throw new ArgumentException(InputErrors.FewerRowsThanBatch(trainData.RowCount, _options.BatchSize));

        TrainingData? validData = null;
        if (validation != null)
        {
            var validBinding = ColumnBinding.Create(validation.Schema, _task, FeatureColumn, LabelColumn, WeightColumn, "validation");
            if (validBinding.FeatureCount != binding.FeatureCount)
                throw new ArgumentException(InputErrors.ValidationMismatch($"the size of feature column '{FeatureColumn}'", binding.FeatureCount.ToString(), validBinding.FeatureCount.ToString()));
            if (validBinding.ClassCount != binding.ClassCount)
                throw new ArgumentException(InputErrors.ValidationMismatch($"the number of classes of label column '{LabelColumn}'", binding.ClassCount.ToString(), validBinding.ClassCount.ToString()));
            validData = TrainingDataReader.Read(validation, validBinding, _options.MemoryBudgetBytes, "validation");
            if (trainCounts != null)
            {
                var validCounts = CountClasses(validData, binding.ClassCount);
                for (int k = 0; k < validCounts.Length; k++)
                    if (validCounts[k] > 0 && trainCounts[k] == 0)
                        throw new ArgumentException(InputErrors.ClassOnlyInValidation(LabelColumn, classNames?[k] ?? (k == 1 ? "true" : "false"), k + 1));
            }
        }

        var engine = _options.ToEngineOptions(_task);
        if (_task == TaskKind.MulticlassClassification)
            engine.ClassCount = binding.ClassCount;
        if (_options is RegularizedMlpClassificationOptionsBase { UnbalancedSets: true })
            engine.ClassWeights = BalancedWeights(trainCounts!, trainData.RowCount);

        var result = new MlpTrainer(engine).Fit(trainData, validData, _options.Progress);
        var chain = ScoringChainFactory.Build(result.Model, FeatureColumn, train, labelColumn, _options.Seed);
        var model = new RegularizedMlpModelParameters(result, classNames);
        return new RegularizedMlpPredictionTransformer(model, chain, FeatureColumn, train.Schema[FeatureColumn].Type);
    }

    private static int[] CountClasses(TrainingData data, int classCount)
    {
        var counts = new int[classCount];
        foreach (float label in data.Labels) counts[(int)label]++;
        return counts;
    }

    /// <summary>n / (K · n_k) per class; classes absent from training get 1.</summary>
    private static float[] BalancedWeights(int[] counts, int rows) =>
        counts.Select(c => c == 0 ? 1f : (float)((double)rows / (counts.Length * (double)c))).ToArray();

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
