namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>Finds bench/Quality (the folder of Quality.csproj) from the current or the application directory.</summary>
internal static class QualityFolder
{
    public static string Find()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Quality.csproj"))) return dir.FullName;
                string nested = Path.Combine(dir.FullName, "bench", "Quality");
                if (File.Exists(Path.Combine(nested, "Quality.csproj"))) return nested;
            }
        }
        throw new DirectoryNotFoundException(
            $"bench/Quality not found from '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'; pass --cache and --results.");
    }
}
