namespace MLNetRegularization.Samples.Datasets;

/// <summary>
/// Finds the shared dataset folder (<c>../shared/datasets</c> beside the repository) so samples and benchmarks
/// run from the repository root, from a project folder or from a build output folder.
/// </summary>
public static class DatasetLocator
{
    /// <summary>Environment variable that overrides the search: <c>MLNETREG_DATASETS=/path/to/datasets</c>.</summary>
    public const string EnvironmentVariable = "MLNETREG_DATASETS";

    /// <summary>
    /// The dataset root, or null when none is found. Order: <paramref name="explicitPath"/> (used as given,
    /// relative to the current directory), the <see cref="EnvironmentVariable"/>, then for the current directory
    /// and the application directory and each of their parents: <c>shared/datasets</c> and <c>../shared/datasets</c>.
    /// </summary>
    public static string? TryFind(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
            return Directory.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment) && Directory.Exists(fromEnvironment))
            return Path.GetFullPath(fromEnvironment);
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                foreach (string candidate in new[] { Path.Combine(dir.FullName, "shared", "datasets"), Path.Combine(dir.FullName, "..", "shared", "datasets") })
                    if (Directory.Exists(candidate))
                        return Path.GetFullPath(candidate);
            }
        }
        return null;
    }

    /// <summary>The dataset root; throws <see cref="DirectoryNotFoundException"/> saying where it looked and how to fix it.</summary>
    public static string Find(string? explicitPath = null)
        => TryFind(explicitPath) ?? throw new DirectoryNotFoundException(NotFoundMessage(explicitPath));

    /// <summary>The message <see cref="Find"/> throws with.</summary>
    public static string NotFoundMessage(string? explicitPath = null) =>
        !string.IsNullOrWhiteSpace(explicitPath)
            ? $"Dataset folder '{Path.GetFullPath(explicitPath)}' does not exist. Pass --data <folder that holds adult/, california-housing/, mnist/, iris/ ...>."
            : $"No dataset folder found: looked for shared/datasets and ../shared/datasets from '{Directory.GetCurrentDirectory()}' and '{AppContext.BaseDirectory}' and their parents. " +
              $"Clone the shared datasets beside the repository (../shared/datasets), set {EnvironmentVariable}, or pass --data <folder>.";

    /// <summary>
    /// The folder <paramref name="name"/> under <paramref name="root"/> when it holds every file in
    /// <paramref name="requiredFiles"/>; otherwise null and <paramref name="missing"/> says what is missing.
    /// </summary>
    public static string? TryGetDatasetFolder(string root, string name, out string missing, params string[] requiredFiles)
    {
        string folder = Path.Combine(root, name);
        if (!Directory.Exists(folder))
        {
            missing = $"dataset '{name}' not found: no folder {folder}";
            return null;
        }
        var absent = requiredFiles.Where(f => !File.Exists(Path.Combine(folder, f))).ToArray();
        if (absent.Length > 0)
        {
            missing = $"dataset '{name}' incomplete: {string.Join(", ", absent)} missing in {folder}";
            return null;
        }
        missing = "";
        return folder;
    }
}
