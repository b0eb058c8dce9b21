using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Tests.Training;

/// <summary>Synchronous IProgress (Progress&lt;T&gt; posts to a sync context).</summary>
internal sealed class CollectingProgress : IProgress<EpochMetrics>
{
    public List<EpochMetrics> Reports { get; } = new();
    public void Report(EpochMetrics value) => Reports.Add(value);
}
