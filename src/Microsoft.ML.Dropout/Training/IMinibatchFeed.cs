namespace Microsoft.ML.Dropout.Training;

/// <summary>
/// One epoch's training minibatches for the loop: rows held as tensors (<see cref="InMemoryMinibatches"/>) or read
/// in passes (<see cref="StreamedMinibatches"/>). The batch plan (<see cref="Batches"/>) is the same either way.
/// </summary>
internal interface IMinibatchFeed : IDisposable
{
    /// <summary>Training rows per epoch.</summary>
    int RowCount { get; }

    /// <summary>Length of every minibatch of an epoch, in order (see <see cref="MlpTrainer.Batches"/>).</summary>
    IReadOnlyList<(int Start, int Length)> Batches { get; }

    /// <summary>Starts epoch <paramref name="epoch"/> (shuffles); tensors it makes belong to the caller's dispose scope.</summary>
    void BeginEpoch(int epoch, CancellationToken cancellationToken);

    /// <summary>Minibatch <paramref name="batch"/> of the current epoch; its tensors belong to the caller's dispose scope.</summary>
    Minibatch Next(int batch);
}
