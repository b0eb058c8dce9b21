namespace MLNetRegularization.Bench.Quality.Tests;

/// <summary>A fresh folder under the system temp directory, deleted with everything in it on Dispose.</summary>
internal sealed class TemporaryFolder(string prefix) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
