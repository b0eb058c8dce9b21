using MLNetRegularization.Bench.Quality.Suite;

namespace MLNetRegularization.Bench.Quality.Tests;

public sealed class TuneCacheTests : IDisposable
{
    private readonly TemporaryFolder _temporary = new("tune-cache-");

    private string Folder => _temporary.Path;

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public void TryGet_AfterPut_ReturnsTheStoredResult()
    {
        var cache = new TuneCache(Folder);
        var stored = new QualityResult("defaults", 1.5, double.NaN) { Accuracy = 0.87, Auc = 0.91, Note = null };

        cache.Put("defaults", "today's defaults", "adult", 2, 6_000, stored);
        var back = new TuneCache(Folder).TryGet("defaults", "today's defaults", "adult", 2);

        Assert.Equal(stored, back);
        Assert.Null(cache.TryGet("defaults", "today's defaults", "adult", 3));
    }

    [Fact]
    public void TryGet_DescriptionChanged_IsAMiss()
    {
        var cache = new TuneCache(Folder);
        cache.Put("wide", "HiddenLayers [512, 256]", "adult", 1, 100, new QualityResult("wide", 1, 1) { Accuracy = 0.8 });

        Assert.Null(cache.TryGet("wide", "HiddenLayers [1024, 512]", "adult", 1));
    }

    [Fact]
    public void TryGet_HalfWrittenFile_IsAMiss()
    {
        var cache = new TuneCache(Folder);
        cache.Put("c", "d", "iris", 1, 30, new QualityResult("c", 1, 1));
        string file = Directory.GetFiles(Folder, "*.json", SearchOption.AllDirectories).Single();
        File.WriteAllText(file, "{ \"Candidate\": ");

        Assert.Null(cache.TryGet("c", "d", "iris", 1));
    }
}
