namespace Microsoft.ML.Dropout.Training;

/// <summary>Trains a regularized MLP with TorchSharp. Options are validated and copied at construction.</summary>
public sealed class MlpTrainer
{
    private readonly MlpTrainerOptions _options;

    /// <summary>Creates a trainer; throws <see cref="ArgumentException"/> if the options conflict.</summary>
    public MlpTrainer(MlpTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>
    /// Trains on <paramref name="train"/>. Validation uses <paramref name="validation"/> when given, otherwise a
    /// (stratified) <c>ValidationFraction</c> of <paramref name="train"/>.
    /// </summary>
    public TrainingResult Fit(TrainingData train, TrainingData? validation = null,
        IProgress<EpochMetrics>? progress = null, CancellationToken cancellationToken = default)
        => throw new NotImplementedException("engine training loop: issue 2");
}
