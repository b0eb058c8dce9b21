namespace Microsoft.ML.Dropout.Metrics;

/// <summary>
/// Labels and predicted probabilities of a binary classifier on held-out rows, as plain arrays (what ROC and
/// precision–recall curves are drawn from), with the names of the two classes.
/// </summary>
public sealed record BinaryPredictions
{
    /// <summary>Validates and stores the rows.</summary>
    /// <param name="labels">True for the positive class.</param>
    /// <param name="probabilities">Predicted probability of the positive class, one per label, in [0, 1].</param>
    /// <param name="positiveClass">What the positive class is called (e.g. "churned = yes"). Default "true".</param>
    /// <param name="negativeClass">What the negative class is called. Default "false".</param>
    /// <exception cref="ArgumentException">Different lengths, no rows, or a probability outside [0, 1] or NaN.</exception>
    public BinaryPredictions(IReadOnlyList<bool> labels, IReadOnlyList<double> probabilities, string positiveClass = "true", string negativeClass = "false")
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (labels.Count == 0 || labels.Count != probabilities.Count)
            throw new ArgumentException($"Expected one probability per label and at least one row. Received {labels.Count} labels and {probabilities.Count} probabilities.", nameof(probabilities));
        for (int i = 0; i < probabilities.Count; i++)
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1))
                throw new ArgumentException($"Probabilities must be in [0, 1]. Received {probabilities[i]} at row {i}.", nameof(probabilities));
        Labels = labels;
        Probabilities = probabilities;
        PositiveClass = positiveClass;
        NegativeClass = negativeClass;
    }

    /// <summary>True for the positive class.</summary>
    public IReadOnlyList<bool> Labels { get; }

    /// <summary>Predicted probability of the positive class.</summary>
    public IReadOnlyList<double> Probabilities { get; }

    /// <summary>Name of the positive class.</summary>
    public string PositiveClass { get; }

    /// <summary>Name of the negative class.</summary>
    public string NegativeClass { get; }
}
