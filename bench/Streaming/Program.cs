// Streaming bench (issue 14): 2,000,000 rows × 50 float features trained from a binary .idv file and from a SQLite
// table with MemoryBudgetBytes = 64 MB (streamed), against in-memory training on the same .idv. Each mode runs in its
// own process (this program starts itself with --child MODE) so each peak RSS is its own: growth = VmHWM after the
// Fit − VmRSS after libtorch is loaded and a small warm-up Fit. Prints a markdown table with the machine's load.
//
//   dotnet run -c Release --project bench/Streaming [-- --rows 2000000 --epochs 3 --budget-mb 64 --work /tmp/streaming-bench --modes inmemory,idv,sqlite]
// (the first mode is the reference of the ratios)
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Streaming.Bench;

var ci = CultureInfo.InvariantCulture;
string Arg(string name, string fallback) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
int rows = int.Parse(Arg("--rows", "2000000"), ci);
int epochs = int.Parse(Arg("--epochs", "3"), ci);
long budget = long.Parse(Arg("--budget-mb", "64"), ci) << 20;
int seed = int.Parse(Arg("--seed", "1"), ci);
var files = new BenchFiles(Arg("--work", Path.Combine(Path.GetTempPath(), "streaming-bench")));

if (Arg("--child", "") is { Length: > 0 } mode)
{
    Console.WriteLine("RESULT " + JsonSerializer.Serialize(ModeRun.Run(mode, files, epochs, budget, seed)));
    return 0;
}

var clock = Stopwatch.StartNew();
files.Prepare(rows, seed);
Console.WriteLine($"Data ready in {clock.Elapsed.TotalSeconds:0} s: {files.Idv} ({new FileInfo(files.Idv).Length >> 20} MB), {files.Sqlite} ({new FileInfo(files.Sqlite).Length >> 20} MB)");
var results = new List<ModeResult>();
foreach (var m in Arg("--modes", "inmemory,idv,sqlite").Split(','))
{
    string load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
    var result = RunChild(m);
    results.Add(result);
    Console.WriteLine($"{m}: done (load average before: {load}): {JsonSerializer.Serialize(result)}");
}

var memory = results[0];
Console.WriteLine();
Console.WriteLine($"{rows:N0} rows × {BenchRows.Width} features, {epochs} epochs, MemoryBudgetBytes = {budget >> 20} MB for the streamed modes; load average now {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
Console.WriteLine("| mode | streamed | training rows | peak RSS growth (MB) | target ≤ 2×budget+64 | s/epoch | × in-memory | other Fit s (reading, first pass) | test accuracy | Δ vs in-memory (points) |");
Console.WriteLine("| -- | -- | --: | --: | -- | --: | --: | --: | --: | --: |");
foreach (var r in results)
{
    bool memoryOk = r.PeakGrowthMb <= 2 * (budget >> 20) + 64;
    Console.WriteLine(string.Create(ci, $"| {r.Mode} | {r.Streamed} | {r.TrainingRows:N0} | {r.PeakGrowthMb:0} | {(r.Streamed ? (memoryOk ? "met" : "missed") : "—")} | {r.SecondsPerEpoch:0.0} | {r.SecondsPerEpoch / memory.SecondsPerEpoch:0.00} | {r.OtherFitSeconds:0.0} | {r.Accuracy:P2} | {100 * (r.Accuracy - memory.Accuracy):+0.00;-0.00} |"));
}
return 0;

ModeResult RunChild(string childMode)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        start.ArgumentList.Add(typeof(ModeRun).Assembly.Location);
    foreach (var a in args)
        start.ArgumentList.Add(a);
    start.ArgumentList.Add("--child");
    start.ArgumentList.Add(childMode);
    using var child = Process.Start(start)!;
    string output = child.StandardOutput.ReadToEnd();
    child.WaitForExit();
    var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"The {childMode} process exited with {child.ExitCode} without a result:\n{output}");
    return JsonSerializer.Deserialize<ModeResult>(line["RESULT ".Length..])!;
}
