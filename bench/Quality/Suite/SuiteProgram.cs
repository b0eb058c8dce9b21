using MLNetRegularization.Samples.Datasets;

namespace MLNetRegularization.Bench.Quality.Suite;

/// <summary>Entry of the <c>suite</c> and <c>tune</c> commands.</summary>
internal static class SuiteProgram
{
    public static int Run(string[] argv)
    {
        SuiteArguments args;
        try
        {
            args = SuiteArguments.Parse(argv);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(SuiteArguments.Usage);
            return 2;
        }
        if (args.Help)
        {
            Console.WriteLine(SuiteArguments.Usage);
            return 0;
        }
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
        var report = new MarkdownReport();
        if (args.Tune)
            new SuiteTuneBenchmark(args, root, report).Run();
        else
            new SuiteBenchmark(args, root, report).Run();
        report.Save(args.OutputPath);
        return 0;
    }
}
