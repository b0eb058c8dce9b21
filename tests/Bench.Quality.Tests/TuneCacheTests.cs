using MLNetRegularization.Bench.Quality.Suite;

namespace MLNetRegularization.Bench.Quality.Tests;

public sealed class TuneCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tune-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void TryGet_AfterPut_ReturnsTheStoredResult()
    {
        var cache = new TuneCache(_folder);
        var stored = new QualityResult("defaults", 1.5, double.NaN) { Accuracy = 0.87, Auc = 0.91, Note = null };

        cache.Put("defaults", "today's defaults", "adult", 2, 6_000, stored);
        var back = new TuneCache(_folder).TryGet("defaults", "today's defaults", "adult", 2);

        Assert.Equal(stored, back);
        Assert.Null(cache.TryGet("defaults", "today's defaults", "adult", 3));
    }

    [Fact]
    public void TryGet_DescriptionChanged_IsAMiss()
    {
        var cache = new TuneCache(_folder);
        cache.Put("wide", "HiddenLayers [512, 256]", "adult", 1, 100, new QualityResult("wide", 1, 1) { Accuracy = 0.8 });

        Assert.Null(cache.TryGet("wide", "HiddenLayers [1024, 512]", "adult", 1));
    }

    [Fact]
    public void TryGet_HalfWrittenFile_IsAMiss()
    {
        var cache = new TuneCache(_folder);
        cache.Put("c", "d", "iris", 1, 30, new QualityResult("c", 1, 1));
        string file = Directory.GetFiles(_folder, "*.json", SearchOption.AllDirectories).Single();
        File.WriteAllText(file, "{ \"Candidate\": ");

        Assert.Null(cache.TryGet("c", "d", "iris", 1));
    }
}
