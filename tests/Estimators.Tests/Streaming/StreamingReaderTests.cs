using Microsoft.ML;
using Microsoft.ML.Dropout.Estimators.Data;
using Microsoft.ML.Dropout.Estimators.Data.Streaming;

namespace Microsoft.ML.Dropout.Estimators.Tests.Streaming;

/// <summary>
/// The first streaming pass and the epochs' passes over its cache: every training row once per pass in a new
/// order, validation rows chosen by content (the same whatever the source's order, never trained on), labels of a
/// label-sorted source mixed in every minibatch-sized stretch, and the cache deleted by Dispose.
/// </summary>
public sealed class StreamingReaderTests : IDisposable
{
    private readonly MLContext _ml = new(0);
    private readonly string _cacheRoot = Directory.CreateTempSubdirectory("streaming-reader-tests-").FullName;

    public void Dispose() => Directory.Delete(_cacheRoot, recursive: true);

    private CachedTrainingRows Read(List<StreamingRows.Row> rows, double validationFraction = 0.1, long budget = 1 << 20)
    {
        var data = _ml.Data.LoadFromEnumerable(rows);
        var binding = ColumnBinding.Create(data.Schema, TaskKind.BinaryClassification, "Features", "Label", null, "training");
        return StreamingReader.Read(data, binding, new StreamingSettings(budget, 7, validationFraction, FeaturePreprocessing.None, _cacheRoot), CancellationToken.None);
    }

    private static string Key(ReadOnlySpan<float> features, float label) => string.Join(",", features.ToArray()) + "|" + label;

    private static List<string> Keys(TrainingData data) =>
        Enumerable.Range(0, data.RowCount).Select(r => Key(data.Features.AsSpan(r * data.FeatureCount, data.FeatureCount), data.Labels[r])).ToList();

    private static List<string> Pass(CachedTrainingRows rows, int pass)
    {
        var keys = new List<string>();
        foreach (var block in rows.ReadPass(pass, CancellationToken.None))
            for (int r = 0; r < block.RowCount; r++)
                keys.Add(Key(block.Features.AsSpan(r * rows.FeatureCount, rows.FeatureCount), block.Labels[r]));
        return keys;
    }

    [Fact]
    public void Passes_YieldEveryTrainingRowOnceInANewOrder_NeverAValidationRow()
    {
        var source = StreamingRows.Binary(20_000, seed: 5);
        using var rows = Read(source);
        var pass1 = Pass(rows, 1);
        var pass2 = Pass(rows, 2);
        var validation = Keys(rows.Validation!);

        Assert.Equal(rows.RowCount, pass1.Count);
        Assert.Equal(20_000, rows.RowCount + rows.HeldOutRows);
        Assert.InRange(rows.HeldOutRows, 1_700, 2_300); // ValidationFraction = 0.1 by hash
        Assert.Equal(pass1.Order(), pass2.Order());
        Assert.NotEqual(pass1, pass2);
        Assert.Equal(source.Count, pass1.Concat(validation).Distinct().Count());
        Assert.Equal(Pass(rows, 1), pass1); // a pass is repeatable
    }

    [Fact]
    public void Validation_SameRowsWhateverTheSourceOrder()
    {
        var source = StreamingRows.Binary(20_000, seed: 6);
        using var inOrder = Read(source);
        using var reversed = Read(Enumerable.Reverse(source).ToList());
        Assert.Equal(Keys(inOrder.Validation!), Keys(reversed.Validation!));
        Assert.Equal(Keys(inOrder.Sample), Keys(reversed.Sample));
    }

    [Fact]
    public void Validation_AboveItsShareOfTheBudget_KeepsTheSmallestHashesWhateverTheOrder()
    {
        var source = StreamingRows.Binary(20_000, seed: 6); // 30 % ≈ 6,000 held out; an eighth of 1 MiB holds 2,978 rows of 44 bytes
        using var inOrder = Read(source, validationFraction: 0.3);
        using var reversed = Read(Enumerable.Reverse(source).ToList(), validationFraction: 0.3);
        Assert.True(inOrder.Validation!.RowCount < inOrder.HeldOutRows, $"{inOrder.Validation.RowCount} of {inOrder.HeldOutRows} kept");
        Assert.Equal(Keys(inOrder.Validation), Keys(reversed.Validation!));
    }

    [Fact]
    public void Pass_OfALabelSortedSource_MixesLabelsInEveryMinibatchSizedStretch()
    {
        using var rows = Read(StreamingRows.Binary(30_000, seed: 8, sortedByLabel: true), validationFraction: 0);
        var labels = new List<float>();
        foreach (var block in rows.ReadPass(1, CancellationToken.None))
            labels.AddRange(block.Labels.Take(block.RowCount));
        double overall = labels.Average();
        // Every stretch of 256 rows but the tail (where the shuffle buffer drains) has a share of positives near the overall share.
        for (int start = 0; start + 256 <= labels.Count * 3 / 4; start += 256)
            Assert.InRange(labels.Skip(start).Take(256).Average(), overall - 0.2, overall + 0.2);
    }

    [Fact]
    public void Dispose_DeletesTheCacheDirectory()
    {
        var rows = Read(StreamingRows.Binary(2_000, seed: 9));
        Assert.True(File.Exists(Path.Combine(rows.CacheDirectory, "rows.f32")));
        rows.Dispose();
        Assert.Empty(Directory.GetFileSystemEntries(_cacheRoot));
    }
}
