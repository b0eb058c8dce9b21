// Fit-phase bench (issue 11's time target on small sets): where the time of one Fit of the DEFAULT options goes,
// through the ML.NET trainer, on synthetic data shaped like the suite's small sets:
//   breast-cancer-like 455 × 30 binary, iris-like 150 × 4 three-class, coil2000-like 5,800 × 85 binary (6% positive).
// Per set: one untimed warm-up Fit (native load, JIT), then --repeats timed Fits; medians per phase. The Fit's
// process CPU time is reported too: on a shared, loaded machine it varies far less than wall time.
//   Inside Fit (a timing callback, ordered first and last): prepare (IDataView read, checks, split, front fitting,
//   network, tensors, optimizer) | epochs: the minibatches | epochs: validation + end-of-epoch callbacks (history,
//   early stopping's best-weights copy) | finish (best-weights restore, snapshot, scoring chain) | rest.
//   Components on their own (same data, outside Fit): IDataView read, front fitting (quantile knots, PLE bins),
//   network construction, one validation pass, one best-weights copy, ONNX export, the scoring chain's build.
// Usage: dotnet run -c Release --project bench/FitPhases [-- --repeats 5] [--set breast]   (--set: sets whose name starts so)
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Estimators;
using Microsoft.ML.Dropout.Estimators.Data;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Networks.Tabular;
using Microsoft.ML.Dropout.Training;
using MLNetRegularization.Bench.FitPhases;
using TorchSharp;

int repeats = 5;
string? only = null;
for (int i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--repeats") repeats = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    if (args[i] == "--set") only = args[i + 1];
}

Console.WriteLine($"Fit-phase bench: default options, 1 libtorch thread, {repeats} timed fits per set after one warm-up; " +
                  $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
var ml = new MLContext(0);
foreach (var set in SyntheticSet.All(ml).Where(s => only is null || s.Name.StartsWith(only, StringComparison.Ordinal)))
{
    Measure(ml, set); // warm-up, untimed
    PhaseReport.Print(set, Enumerable.Range(0, repeats).Select(_ => Measure(ml, set)).ToList());
}

static FitPhaseTimes Measure(MLContext ml, SyntheticSet set)
{
    var timer = new PhaseTimer();
    var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var model = set.Fit(ml, timer);
    double total = clock.Elapsed.TotalSeconds;
    process.Refresh();
    var times = timer.Times(total) with { Epochs = model.Model.History.Count, TotalCpu = (process.TotalProcessorTime - cpu).TotalSeconds };

    // Components on their own.
    clock.Restart();
    var binding = ColumnBinding.Create(set.Data.Schema, set.Task, "Features", "Label", null, "training");
    var data = TrainingDataReader.Read(set.Data, binding, long.MaxValue, "training", out _, FeaturePreprocessing.Quantile);
    times = times with { Read = clock.Elapsed.TotalSeconds };
    var architecture = new MlpArchitecture();
    clock.Restart();
    var front = TabularFront.Fit(data.Features, data.RowCount, data.FeatureCount, architecture.ToTabularFrontOptions());
    times = times with { FrontFit = clock.Elapsed.TotalSeconds };
    clock.Restart();
    using var network = TabularNetwork.Build(data.Features, data.RowCount, data.FeatureCount, set.Task == TaskKind.MulticlassClassification ? 3 : 1, set.Task, architecture);
    times = times with { NetworkBuild = clock.Elapsed.TotalSeconds - times.FrontFit };
    front.Dispose();
    int validRows = Math.Max(1, data.RowCount / 10);
    using (var x = torch.tensor(data.Features.AsSpan(0, validRows * data.FeatureCount).ToArray(), new long[] { validRows, data.FeatureCount }))
    {
        network.eval();
        clock.Restart();
        using (torch.no_grad())
        using (var output = network.forward(x))
            output.sum().item<float>();
        times = times with { ValidationPass = clock.Elapsed.TotalSeconds };
    }
    clock.Restart();
    using (torch.no_grad())
        foreach (var (_, value) in network.state_dict())
            using (var copy = value.detach().clone()) { }
    times = times with { WeightsCopy = clock.Elapsed.TotalSeconds };
    clock.Restart();
    OnnxExporter.Export(model.Model.Snapshot);
    times = times with { OnnxExport = clock.Elapsed.TotalSeconds };
    clock.Restart();
    ScoringChainFactory.Build(model.Model.Snapshot, "Features", set.Data, set.Data.Schema["Label"], 0);
    times = times with { ChainBuild = clock.Elapsed.TotalSeconds };
    model.Model.Dispose();
    return times;
}
