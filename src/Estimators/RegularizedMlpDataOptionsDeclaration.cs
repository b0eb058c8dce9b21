using Microsoft.ML.Dropout.Estimators.Generators;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators;

/// <summary>
/// The options only the ML.NET trainers have (columns, memory budget, streaming, cancellation, validation set),
/// declared once: the source generator in src/Estimators.Generators copies these properties as written (doc
/// comments, defaults, setters) into every trainer's options (<see cref="RegularizedMlpClassificationOptionsBase"/>,
/// <see cref="RegularizedMlpRegressionTrainer.Options"/>) and, without bodies, into
/// <see cref="IRegularizedMlpDataOptions"/>. C# allows one base class and those options derive from different
/// engine types, so a shared base cannot hold them. Never instantiated: it derives from the engine's options only so
/// that the declarations compile here as they do in their copies (<c>Writable</c>, <c>Defaults</c>).
/// </summary>
[OptionsDeclaration]
internal abstract class RegularizedMlpDataOptionsDeclaration : MlpTrainerOptions
{
    /// <summary>Column with the label. Default "Label". Must exist in the training data.</summary>
    public string LabelColumnName { get; set => field = Writable(value); } = Defaults.LabelColumnName;

    /// <summary>Column with the features: a known-size vector of <see cref="float"/>. Default "Features".</summary>
    public string FeatureColumnName { get; set => field = Writable(value); } = Defaults.FeatureColumnName;

    /// <summary>Optional column of non-negative example weights (<see cref="float"/> or <see cref="double"/>). Default null (all rows weigh 1).</summary>
    public string? ExampleWeightColumnName { get; set => field = Writable(value); }

    /// <summary>
    /// Memory the trainer may hold for the data, in bytes: buffers, validation rows and their tensors. Default 4 GiB;
    /// ≥ 1 MiB. In memory (see <see cref="Streaming"/>) the data takes about three copies (the read buffers, the
    /// validation split, the tensors), so with <see cref="StreamingMode.Auto"/> data up to a third of the budget is
    /// held in memory and larger data is streamed; <see cref="StreamingMode.Never"/> reads up to the whole budget
    /// and refuses larger data. Streaming holds at most about 5/8 of the budget whatever the row count: a statistics
    /// sample (1/8, at most 200,000 rows), validation rows (1/8, and as much again as tensors; when the held-out rows
    /// need more, the ones with the smallest row hash are kept), a shuffle buffer (1/4) and two 256 KiB cache blocks;
    /// the network, the optimizer and one minibatch come on top. A validation set passed to Fit is read into memory
    /// with this budget.
    /// </summary>
    public long MemoryBudgetBytes { get; set => field = Writable(value); } = Defaults.MemoryBudgetBytes;

    /// <summary>
    /// Whether training holds the data in memory or streams it. Default <see cref="StreamingMode.Auto"/>: in memory
    /// while the data takes at most a third of <see cref="MemoryBudgetBytes"/>; else (that read stops there and the
    /// source is read again from the start) streamed: a first pass checks every value, holds out the validation rows by a hash of each row's content and
    /// the Seed (the same rows in any order; ValidationFraction is the share), counts rows and classes, keeps a
    /// seeded sample for the statistics fitted before training (in-model preprocessing, label standardization) and
    /// spills the training rows as float32 to a cache file in <see cref="StreamingCacheDirectory"/>; each epoch then
    /// reads the cache in blocks in a seeded order through a shuffle buffer, so data sorted by label still trains
    /// well. The cache is deleted when Fit ends, also on errors and cancellation. Needs disk space for the training
    /// rows (4 bytes per feature, label and weight). A streamed Fit is seeded and repeatable but not bit-identical to
    /// an in-memory one (different split and row order).
    /// </summary>
    public StreamingMode Streaming { get; set => field = Writable(value); } = Defaults.Streaming;

    /// <summary>
    /// Directory in which a streamed Fit creates its own cache directory (deleted when Fit ends). Default null: the
    /// system temp directory (<see cref="Path.GetTempPath"/>). Point it at a disk with room for the training rows.
    /// </summary>
    public string? StreamingCacheDirectory { get; set => field = Writable(value); }

    /// <summary>
    /// Cancels <c>Fit</c>: checked before every minibatch and between the phases around training (reading the data,
    /// waiting for another Fit, building the scoring chain); <c>Fit</c> then throws
    /// <see cref="OperationCanceledException"/>. ML.NET's own cancellation is internal to ML.NET, so this is the
    /// route. Default <see cref="CancellationToken.None"/>.
    /// </summary>
    public CancellationToken CancellationToken { get; set => field = Writable(value); }

    /// <summary>
    /// Validation data for early stopping and best-weight restore when the trainer is fitted with one argument, e.g.
    /// inside <c>pipeline.Fit(train)</c> (ML.NET's TorchSharp trainers take it the same way). It must have the
    /// trainer's input columns, so transform it with the fitted featurizer first
    /// (<c>featurizer.Fit(train).Transform(valid)</c>). <c>ValidationFraction</c> is then ignored; a validation set
    /// passed to <c>Fit(train, validation)</c> wins over this one. Default null (hold out ValidationFraction of the
    /// training data).
    /// </summary>
    public IDataView? ValidationSet { get; set => field = Writable(value); }
}
