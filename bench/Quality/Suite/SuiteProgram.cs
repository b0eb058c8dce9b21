using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>Entry of the <c>suite</c> and <c>tune</c> commands.</summary>
internal static class SuiteProgram
{
    public static int Run(string[] argv)
    {
        var args = CommandLine.Parse(() => SuiteArguments.Parse(argv), a => a.Help, SuiteArguments.Usage, out int exitCode);
        if (args is null)
            return exitCode;
        if (args.Tune && args.Candidates is ["list"])
        {
            foreach (var c in OptionsCandidates.All) Console.WriteLine($"{c.Name,-28} {c.Description}");
            return 0;
        }
        string? root = DatasetLocator.TryFind(args.DataPath);
        if (root is null)
        {
            Console.Error.WriteLine(DatasetLocator.NotFoundMessage(args.DataPath));
            return 1;
        }
        IReadOnlyList<SuiteDataset> datasets;
        try
        {
            datasets = args.SelectDatasets(root, out var notes);
            foreach (string note in notes)
                Console.Error.WriteLine($"Not in the suite: {note}.");
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        var report = new MarkdownReport();
        if (args.Tune)
            new SuiteTuneBenchmark(args, root, datasets, report).Run();
        else
            new SuiteBenchmark(args, root, datasets, report).Run();
        report.Save(args.OutputPath);
        return 0;
    }
}
