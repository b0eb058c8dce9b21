namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// What the engine trains for: the task and, for multiclass classification, the number of classes. An engine-only
/// value handed to <see cref="MlpTrainer"/> next to the options (the ML.NET trainers know it from their type and the
/// label column), so the options hold only settings a user chooses.
/// </summary>
public sealed class TrainingTask
{
    private TrainingTask(TaskKind kind, int classCount)
    {
        Kind = kind;
        ClassCount = classCount;
    }

    /// <summary>Binary classification: labels 0 or 1, one output (a logit).</summary>
    public static TrainingTask Binary { get; } = new(TaskKind.BinaryClassification, 2);

    /// <summary>Regression: finite targets, one output (standardized while training).</summary>
    public static TrainingTask Regression { get; } = new(TaskKind.Regression, 0);

    /// <summary>Multiclass classification with <paramref name="classCount"/> classes (≥ 2): labels 0 … classCount − 1, one output per class.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is below 2.</exception>
    public static TrainingTask Multiclass(int classCount) =>
        new(TaskKind.MulticlassClassification, OptionGuard.AtLeast(classCount, 2, "ClassCount"));

    /// <summary>The task of kind <paramref name="kind"/>; <paramref name="classCount"/> (≥ 2) is used for multiclass only.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Multiclass with <paramref name="classCount"/> below 2, or an undefined kind.</exception>
    public static TrainingTask Of(TaskKind kind, int classCount) => OptionGuard.Defined(kind, "Task") switch
    {
        TaskKind.BinaryClassification => Binary,
        TaskKind.MulticlassClassification => Multiclass(classCount),
        _ => Regression,
    };

    /// <summary>The task.</summary>
    public TaskKind Kind { get; }

    /// <summary>Number of classes: 2 for binary, the class count for multiclass, 0 for regression.</summary>
    public int ClassCount { get; }

    /// <summary>Width of the network's output layer: the class count for multiclass, otherwise 1.</summary>
    public int OutputSize => Kind == TaskKind.MulticlassClassification ? ClassCount : 1;

    /// <summary>True for binary and multiclass classification.</summary>
    public bool IsClassification => Kind != TaskKind.Regression;

    /// <summary>"BinaryClassification", "MulticlassClassification (3 classes)" or "Regression".</summary>
    public override string ToString() => Kind == TaskKind.MulticlassClassification ? $"{Kind} ({ClassCount} classes)" : Kind.ToString();
}
