namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// The options only the ML.NET trainers have: which columns to read and how much of the data may be held in
/// memory. Every RegularizedMlp trainer's <c>Options</c> implements it next to the engine settings it derives
/// from (<see cref="Training.MlpClassificationOptions"/> or <see cref="Training.MlpRegressionOptions"/>).
/// </summary>
public interface IRegularizedMlpDataOptions
{
    /// <summary>Column with the label. Default "Label". Must exist in the training data.</summary>
    string LabelColumnName { get; set; }

    /// <summary>Column with the features: a known-size vector of <see cref="float"/>. Default "Features".</summary>
    string FeatureColumnName { get; set; }

    /// <summary>Optional column of non-negative example weights (<see cref="float"/> or <see cref="double"/>). Default null (all rows weigh 1).</summary>
    string? ExampleWeightColumnName { get; set; }

    /// <summary>
    /// Largest training set, in bytes of features + labels + weights, read into memory. Training data is read with
    /// one cursor pass into contiguous float buffers; a larger data set is rejected with a message telling how to
    /// sample it (streaming in shuffled blocks is not implemented yet). Default 4 GiB; ≥ 1 MiB.
    /// </summary>
    long MemoryBudgetBytes { get; set; }

    /// <summary>
    /// Cancels <c>Fit</c>: checked before every minibatch and between the phases around training (reading the data,
    /// waiting for another Fit, building the scoring chain); <c>Fit</c> then throws
    /// <see cref="OperationCanceledException"/>. ML.NET's own cancellation is internal to ML.NET, so this is the
    /// route. Default <see cref="CancellationToken.None"/>.
    /// </summary>
    CancellationToken CancellationToken { get; set; }

    /// <summary>
    /// Validation data for early stopping and best-weight restore when the trainer is fitted with one argument, e.g.
    /// inside <c>pipeline.Fit(train)</c> (ML.NET's TorchSharp trainers take it the same way). It must have the
    /// trainer's input columns, so transform it with the fitted featurizer first
    /// (<c>featurizer.Fit(train).Transform(valid)</c>). <c>ValidationFraction</c> is then ignored; a validation set
    /// passed to <c>Fit(train, validation)</c> wins over this one. Default null (hold out ValidationFraction of the
    /// training data).
    /// </summary>
    IDataView? ValidationSet { get; set; }
}
