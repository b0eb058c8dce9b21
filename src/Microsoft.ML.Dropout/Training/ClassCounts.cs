namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// Rows per class of a classification data set and what they mean for training: the one place the
/// class-count checks (both binary classes present, at least as many rows as classes) and the balanced class
/// weights are decided. The engine throws its own message; the ML.NET trainers word it with the label column.
/// </summary>
public sealed class ClassCounts
{
    private readonly int[] _perClass;

    private ClassCounts(int[] perClass, int rows)
    {
        _perClass = perClass;
        Rows = rows;
    }

    /// <summary>Counts the labels of <paramref name="data"/> (0/1 or class indices, as validated for <paramref name="task"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="task"/> is regression.</exception>
    public static ClassCounts Of(TrainingData data, TrainingTask task)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(task);
        if (!task.IsClassification)
            throw new ArgumentException("Class counts exist for classification tasks only.", nameof(task));
        var counts = new int[task.ClassCount];
        foreach (float label in data.Labels)
            counts[(int)label]++;
        return new ClassCounts(counts, data.RowCount);
    }

    /// <summary>Counts already taken elsewhere (e.g. while streaming rows that are never all in memory): rows of each class, in class order.</summary>
    /// <exception cref="ArgumentException">Fewer than two classes, or a negative count.</exception>
    public static ClassCounts FromCounts(IReadOnlyList<int> rowsPerClass)
    {
        ArgumentNullException.ThrowIfNull(rowsPerClass);
        if (rowsPerClass.Count < 2 || rowsPerClass.Any(c => c < 0))
            throw new ArgumentException($"Expected a non-negative row count for each of at least two classes; received [{string.Join(", ", rowsPerClass)}].", nameof(rowsPerClass));
        return new ClassCounts(rowsPerClass.ToArray(), rowsPerClass.Sum());
    }

    /// <summary>Rows of each class, in class order.</summary>
    public IReadOnlyList<int> PerClass => _perClass;

    /// <summary>All rows counted.</summary>
    public int Rows { get; }

    /// <summary>Binary data whose labels are all 0 or all 1: there is nothing to separate.</summary>
    public bool IsSingleBinaryClass => _perClass.Length == 2 && (_perClass[0] == 0 || _perClass[1] == 0);

    /// <summary>Fewer rows than classes: some class cannot have a training example.</summary>
    public bool HasFewerRowsThanClasses => Rows < _perClass.Length;

    /// <summary>n / (K · n_k) per class, so that every class weighs as much in the loss; a class without rows gets 1.</summary>
    public float[] BalancedWeights() =>
        _perClass.Select(c => c == 0 ? 1f : (float)((double)Rows / (_perClass.Length * (double)c))).ToArray();

    /// <summary>Throws <see cref="ArgumentException"/> with the engine's wording when the counts cannot train <paramref name="task"/>.</summary>
    internal void ThrowIfUntrainable(TrainingTask task)
    {
        if (task.Kind == TaskKind.BinaryClassification && IsSingleBinaryClass)
            throw new ArgumentException($"Training data: every one of the {Rows} labels is {(_perClass[1] > 0 ? 1 : 0)}; BinaryClassification needs rows of both classes 0 and 1.", "train");
        if (task.Kind == TaskKind.MulticlassClassification && HasFewerRowsThanClasses)
            throw new ArgumentException($"Training data: {Rows} rows for ClassCount = {task.ClassCount}; every class needs training rows (add rows or use fewer classes).", "train");
    }
}
