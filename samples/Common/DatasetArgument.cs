using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Samples;

/// <summary>
/// Resolves the <c>--data</c> option of the dataset samples to the dataset root that the loaders in
/// <see cref="Datasets"/> expect (the folder holding <c>adult/</c>, <c>iris/</c>, ...).
/// </summary>
public static class DatasetArgument
{
    /// <summary>
    /// The dataset root for <paramref name="datasetFolder"/>. <c>--data</c> may name the root, the dataset's own
    /// folder (e.g. <c>.../adult</c>) or a file inside it; without <c>--data</c> the shared datasets are searched
    /// (<see cref="DatasetLocator"/>: <c>../shared/datasets</c> from the repository root or the current directory).
    /// </summary>
    /// <exception cref="SampleUsageException">Nothing usable was found; the message says where it looked and what to pass.</exception>
    public static string ResolveRoot(string[] args, string datasetFolder)
    {
        string? given = Arguments.Optional(args, "--data");
        if (given is null)
        {
            string? found = DatasetLocator.TryFind();
            if (found is null)
                throw new SampleUsageException(DatasetLocator.NotFoundMessage() + $" The sample needs the '{datasetFolder}' dataset.");
            if (!Directory.Exists(Path.Combine(found, datasetFolder)))
                throw new SampleUsageException($"Dataset folder '{Path.Combine(found, datasetFolder)}' does not exist. Pass --data <folder that holds {datasetFolder}/>.");
            return found;
        }

        string full = Path.GetFullPath(given);
        if (File.Exists(full))
            full = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(full))
            throw new SampleUsageException($"--data '{given}' does not exist (resolved to '{full}'). Pass the datasets folder (holding {datasetFolder}/) or the {datasetFolder} folder itself.");
        if (Directory.Exists(Path.Combine(full, datasetFolder)))
            return full;
        if (string.Equals(Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)), datasetFolder, StringComparison.Ordinal))
            return Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar))!;
        throw new SampleUsageException($"--data '{given}' holds no '{datasetFolder}' folder and is not one. Pass the datasets folder (holding {datasetFolder}/) or the {datasetFolder} folder itself.");
    }

    /// <summary>Throws a <see cref="SampleUsageException"/> with the loader's reason when <paramref name="loaded"/> is null.</summary>
    public static T Require<T>(T? loaded, string missing) where T : class =>
        loaded ?? throw new SampleUsageException(missing + ". Pass --data <folder> to point at another copy.");
}
