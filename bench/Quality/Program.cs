using MLNetRegularization.Bench.Quality;
using MLNetRegularization.Bench.Quality.Suite;
using MLNetRegularization.Samples.Datasets;

if (args.Length > 0 && args[0] is "suite" or "tune")
    return SuiteProgram.Run(args);
if (args.Length > 0 && args[0] == "heldout")
    return HeldOutProgram.Run(args);
if (args.Length > 0 && args[0] == "synthetic-wide")
    return SyntheticWideData.Run(args);

var options = CommandLine.Parse(() => BenchmarkArguments.Parse(args), o => o.Help, BenchmarkArguments.Usage, out int exitCode);
if (options is null)
    return exitCode;

string? root = DatasetLocator.TryFind(options.DataPath);
if (root is null)
{
    Console.Error.WriteLine(DatasetLocator.NotFoundMessage(options.DataPath));
    if (!options.Ablation) return 1;
}

var report = new MarkdownReport();
if (options.Ablation)
    new AblationBenchmark(options, root, report).Run();
else if (options.Tune)
    new TuneBenchmark(options, root!, report).Run();
else
    new QualityBenchmark(options, root!, report).Run();
report.Save(options.OutputPath);
return 0;
