namespace Microsoft.ML.Dropout.Estimators.Data.Streaming;

/// <summary>
/// How streaming splits <c>MemoryBudgetBytes</c> (M) between what it holds, in rows of
/// 4 × (features + label + weight) bytes: the statistics sample M/8 (at most <see cref="MaxSampleRows"/> rows),
/// the validation rows M/8 (their tensors take as much again), the shuffle buffer M/4, and one cache block for
/// reading and one for writing (≤ 256 KiB each). The rest is headroom for the network, the optimizer and one
/// minibatch at a time.
/// </summary>
internal sealed record StreamingBudget(int SampleRows, int ValidationRows, int ShuffleRows, int BlockRows, int RowFloats)
{
    /// <summary>Rows the statistics sample keeps at most: quantiles and the label scale settle long before.</summary>
    internal const int MaxSampleRows = 200_000;
    private const long MaxBlockBytes = 256 * 1024;

    internal static StreamingBudget For(long memoryBudgetBytes, int featureCount, bool hasWeights)
    {
        int rowFloats = featureCount + 1 + (hasWeights ? 1 : 0);
        long rowBytes = 4L * rowFloats;
        int Rows(long bytes) => (int)Math.Clamp(bytes / rowBytes, 1, int.MaxValue / rowFloats);
        int shuffle = Rows(memoryBudgetBytes / 4);
        int block = Math.Max(1, Math.Min(Rows(MaxBlockBytes), shuffle / 32));
        return new StreamingBudget(Math.Min(MaxSampleRows, Rows(memoryBudgetBytes / 8)), Rows(memoryBudgetBytes / 8), shuffle, block, rowFloats);
    }
}
