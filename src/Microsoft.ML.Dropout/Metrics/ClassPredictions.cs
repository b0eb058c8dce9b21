namespace Microsoft.ML.Dropout.Metrics;

/// <summary>
/// Actual and predicted classes of a multiclass classifier on held-out rows, as 0-based class indices, with the class
/// names (what a confusion matrix and per-class metrics are computed from).
/// </summary>
public sealed record ClassPredictions
{
    /// <summary>Validates and stores the rows.</summary>
    /// <param name="actual">Actual class index of each row, in [0, classNames.Count).</param>
    /// <param name="predicted">Predicted class index of each row, in [0, classNames.Count).</param>
    /// <param name="classNames">Name of each class, by index.</param>
    /// <exception cref="ArgumentException">Different lengths, no rows, fewer than 2 classes, or an index out of range.</exception>
    public ClassPredictions(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(classNames);
        if (actual.Count == 0 || actual.Count != predicted.Count)
            throw new ArgumentException($"Expected one prediction per actual class and at least one row. Received {actual.Count} actual and {predicted.Count} predicted.", nameof(predicted));
        if (classNames.Count < 2)
            throw new ArgumentException($"Expected at least 2 class names. Received {classNames.Count}.", nameof(classNames));
        for (int i = 0; i < actual.Count; i++)
            if ((uint)actual[i] >= (uint)classNames.Count || (uint)predicted[i] >= (uint)classNames.Count)
                throw new ArgumentException($"Class indices must be in [0, {classNames.Count}). Received actual {actual[i]}, predicted {predicted[i]} at row {i}.", nameof(actual));
        Actual = actual;
        Predicted = predicted;
        ClassNames = classNames;
    }

    /// <summary>Actual class index per row.</summary>
    public IReadOnlyList<int> Actual { get; }

    /// <summary>Predicted class index per row.</summary>
    public IReadOnlyList<int> Predicted { get; }

    /// <summary>Class names by index.</summary>
    public IReadOnlyList<string> ClassNames { get; }
}
