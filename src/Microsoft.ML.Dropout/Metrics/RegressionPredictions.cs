namespace Microsoft.ML.Dropout.Metrics;

/// <summary>Actual and predicted values of a regression model on held-out rows, as plain arrays.</summary>
public sealed record RegressionPredictions
{
    /// <summary>Validates and stores the rows.</summary>
    /// <param name="actual">Actual target per row.</param>
    /// <param name="predicted">Predicted target per row.</param>
    /// <param name="targetName">What the target is called (axis labels). Default "target".</param>
    /// <exception cref="ArgumentException">Different lengths, no rows, or a non-finite value.</exception>
    public RegressionPredictions(IReadOnlyList<double> actual, IReadOnlyList<double> predicted, string targetName = "target")
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count == 0 || actual.Count != predicted.Count)
            throw new ArgumentException($"Expected one prediction per actual value and at least one row. Received {actual.Count} actual and {predicted.Count} predicted.", nameof(predicted));
        for (int i = 0; i < actual.Count; i++)
            if (!double.IsFinite(actual[i]) || !double.IsFinite(predicted[i]))
                throw new ArgumentException($"Values must be finite. Received actual {actual[i]}, predicted {predicted[i]} at row {i}.", nameof(actual));
        Actual = actual;
        Predicted = predicted;
        TargetName = targetName;
    }

    /// <summary>Actual target per row.</summary>
    public IReadOnlyList<double> Actual { get; }

    /// <summary>Predicted target per row.</summary>
    public IReadOnlyList<double> Predicted { get; }

    /// <summary>Name of the target.</summary>
    public string TargetName { get; }
}
