using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Data;

/// <summary>
/// The columns a RegularizedMlp trainer reads, checked against a schema: every problem becomes an error that
/// names the column, what it holds and how to fix it (an <see cref="ArgumentOutOfRangeException"/>, as ML.NET reports
/// schema mismatches).
/// </summary>
internal sealed class ColumnBinding
{
    private ColumnBinding(TaskKind task, string features, int featureCount, string label, DataViewType labelType,
        int classCount, string? weight, DataViewType? weightType)
    {
        Task = task;
        FeatureColumn = features;
        FeatureCount = featureCount;
        LabelColumn = label;
        LabelType = labelType;
        ClassCount = classCount;
        WeightColumn = weight;
        WeightType = weightType;
    }

    internal TaskKind Task { get; }
    internal string FeatureColumn { get; }
    internal int FeatureCount { get; }
    internal string LabelColumn { get; }
    internal DataViewType LabelType { get; }
    /// <summary>2 for binary, the key count for multiclass, 0 for regression.</summary>
    internal int ClassCount { get; }
    internal string? WeightColumn { get; }
    internal DataViewType? WeightType { get; }

    /// <summary>Checks the columns of <paramref name="schema"/>; <paramref name="role"/> is "training" or "validation".</summary>
    internal static ColumnBinding Create(DataViewSchema schema, TaskKind task, string featureColumn, string labelColumn,
        string? weightColumn, string role)
    {
        var feature = schema.GetColumnOrNull(featureColumn)
            ?? throw InputErrors.SchemaMismatch(InputErrors.FeatureColumnMissing(featureColumn, role, InputErrors.Names(schema)));
        if (feature.Type is not VectorDataViewType { ItemType: NumberDataViewType n, Size: > 0 } vector || n.RawType != typeof(float))
            throw InputErrors.SchemaMismatch(InputErrors.FeatureColumnType(featureColumn, feature.Type));

        var label = schema.GetColumnOrNull(labelColumn)
            ?? throw InputErrors.SchemaMismatch(InputErrors.LabelColumnMissing(labelColumn, role, InputErrors.Names(schema)));
        var labelType = label.Type;
        int classCount = task switch
        {
            TaskKind.BinaryClassification when labelType is BooleanDataViewType => 2,
            TaskKind.MulticlassClassification when labelType is KeyDataViewType key && key.Count is > 0 and <= int.MaxValue => (int)key.Count,
            TaskKind.Regression when labelType == NumberDataViewType.Single || labelType == NumberDataViewType.Double => 0,
            _ => throw InputErrors.SchemaMismatch(InputErrors.LabelColumnType(labelColumn, labelType, task)),
        };

        DataViewType? weightType = null;
        if (weightColumn != null)
        {
            var weight = schema.GetColumnOrNull(weightColumn)
                ?? throw InputErrors.SchemaMismatch(InputErrors.WeightColumnMissing(weightColumn, role));
            weightType = weight.Type;
            if (weightType != NumberDataViewType.Single && weightType != NumberDataViewType.Double)
                throw InputErrors.SchemaMismatch(InputErrors.WeightColumnType(weightColumn, weightType));
        }
        return new ColumnBinding(task, featureColumn, vector.Size, labelColumn, labelType, classCount, weightColumn, weightType);
    }
}
