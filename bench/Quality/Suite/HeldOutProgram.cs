namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>
/// The <c>heldout</c> command: writes the held-out data sets (<see cref="HeldOutDatasets"/>) from a copy of Rdatasets
/// into a folder in the shared convention, for <c>suite --data &lt;that folder&gt;</c>.
/// </summary>
internal static class HeldOutProgram
{
    public const string Usage = """
        Writes the held-out check's data sets (bench/Quality/Suite/HeldOutDataset.cs) in the shared datasets' R-export
        convention, from a copy of github.com/vincentarelbundock/Rdatasets (its csv/<package>/<name>.csv files):

          dotnet run -c Release --project bench/Quality -- heldout --rdatasets <Rdatasets folder> --out <folder>
          dotnet run -c Release --project bench/Quality -- suite --data <folder> --trainers RegularizedMlp --threads 1
        """;

    public static int Run(string[] argv)
    {
        string? source = null, output = null;
        var cursor = new ArgumentCursor(argv, start: 1);
        try
        {
            while (cursor.MoveNext())
            {
                switch (cursor.Current)
                {
                    case "--rdatasets": source = cursor.Value(); break;
                    case "--out": output = cursor.Value(); break;
                    case "--help" or "-h": Console.WriteLine(Usage); return 0;
                    default: throw new ArgumentException($"Unknown argument '{cursor.Current}'.");
                }
            }
            if (source is null || output is null)
                throw new ArgumentException("Both --rdatasets and --out are needed.");
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        string csvRoot = Path.Combine(source, "csv");
        if (!Directory.Exists(csvRoot))
        {
            Console.Error.WriteLine($"{Path.GetFullPath(source)} has no csv/ folder: give the root of a copy of Rdatasets (csv/<package>/<name>.csv).");
            return 1;
        }
        int written = 0, failed = 0;
        foreach (var set in HeldOutDatasets.All)
        {
            string path = Path.Combine(csvRoot, set.Source + ".csv");
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"{set.Folder}: skipped, {path} not found.");
                continue;
            }
            RDatasetsExport.Export export;
            try
            {
                export = RDatasetsExport.Convert(set, File.ReadAllLines(path), "github.com/vincentarelbundock/Rdatasets");
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine($"{set.Folder}: not written, {e.Message}");
                failed++;
                continue;
            }
            string folder = Path.Combine(output, set.Folder);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, set.Folder + ".csv"), export.Csv);
            File.WriteAllText(Path.Combine(folder, "README.md"), export.Readme);
            Console.Error.WriteLine($"{set.Folder}: {export.Rows:N0} rows, {export.NumericFeatures} numeric and {export.TextFeatures} text features.");
            written++;
        }
        Console.Error.WriteLine($"Wrote {written} of {HeldOutDatasets.All.Count} data sets to {Path.GetFullPath(output)}" +
                                (failed > 0 ? $"; {failed} could not be converted (above)." : "."));
        return written > 0 && failed == 0 ? 0 : 1;
    }
}
