// Engine overhead benchmark: one epoch of MlpTrainer against a hand-written TorchSharp loop doing the same work
// (same network from MlpNetwork.Build, AdamW with the same parameter groups, label-smoothed cross-entropy,
// gradient clipping, same batch size, same data), in one process. Prints median seconds per epoch and the ratio.
// The two are interleaved epoch by epoch (a callback runs one bare epoch after each engine epoch, outside the
// engine's measured time), so both see the same machine load; the first epoch of each run is discarded.
//
//   dotnet run -c Release --project bench/Engine.Bench [-- rows features epochs rounds threads]
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Datasets;
using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Optimization;
using Microsoft.ML.Dropout.Training;
using TorchSharp;
using static TorchSharp.torch;

//   dotnet run -c Release --project bench/Engine.Bench -- tabular [rows features epochs threads]   (issue 10's cost table)
if (args.Length > 0 && args[0] == "tabular")
{
    TorchRuntime.EnsureLoaded(args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1);
    TabularBench.Run(args.Skip(1).ToArray());
    return;
}
//   dotnet run -c Release --project bench/Engine.Bench -- dropout [calls]   (the dropout mask: libtorch's against the library's)
if (args.Length > 0 && args[0] == "dropout")
{
    TorchRuntime.EnsureLoaded(1);
    DropoutBench.Run(args.Skip(1).ToArray());
    return;
}
//   dotnet run -c Release --project bench/Engine.Bench -- optimizer [steps]   (the update after backward: per parameter against contiguous)
if (args.Length > 0 && args[0] == "optimizer")
{
    TorchRuntime.EnsureLoaded(1);
    OptimizerBench.Run(args.Skip(1).ToArray());
    return;
}
int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
int features = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
int epochs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
int rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
// One thread by default: on a loaded 2-core host, 2 intra-op threads made epochs of this small MLP 10–20× slower
// and wildly variable (contention), which hides the engine-vs-bare difference this benchmark is about.
int threads = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1;
const int classes = 4, batchSize = 256;
const double lr = 1e-3, weightDecay = 0.01, smoothing = 0.1, clip = 1.0;

TorchRuntime.EnsureLoaded(threads);
var data = SyntheticClassification.Generate(rows, features, informative: Math.Min(10, features), classes, seed: 1);
var architecture = new MlpArchitecture(); // default: [256, 128], GELU, LayerNorm, dropout 0.3
Console.WriteLine($"Engine.Bench: {rows} rows × {features} features, {classes} classes, batch {batchSize}, " +
                  $"MLP [{string.Join(", ", architecture.HiddenLayers)}] {architecture.Activation}/{architecture.Normalization}, " +
                  $"{threads} thread(s), {epochs} timed epochs × {rounds} rounds (first epoch of each run discarded as warm-up)");

// The bare loop trains on tensors built once from the same arrays the engine receives.
using var x = torch.tensor(data.Features, new long[] { rows, features });
using var y = torch.tensor(data.Labels.Select(v => (long)v).ToArray());

var engine = new List<double>();
var bare = new List<double>();
for (int round = 0; round < rounds; round++)
{
    using var loop = new BareLoop(architecture, features, classes, x, y, batchSize, lr, weightDecay, smoothing, clip);
    var result = new MlpTrainer(EngineOptions(loop), TrainingTask.Multiclass(classes)).Fit(data);
    engine.AddRange(result.History.Skip(1).Select(h => h.Seconds));
    bare.AddRange(loop.EpochSeconds.Skip(1));
}
double engineMedian = Median(engine), bareMedian = Median(bare);
var ratios = engine.Zip(bare, (e, b) => e / b).ToList();
Console.WriteLine($"engine (MlpTrainer):   median {engineMedian:F4} s/epoch over {engine.Count} epochs  [{string.Join(" ", engine.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))}]");
Console.WriteLine($"bare TorchSharp loop:  median {bareMedian:F4} s/epoch over {bare.Count} epochs  [{string.Join(" ", bare.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))}]");
Console.WriteLine($"ratio engine/bare:     {engineMedian / bareMedian:F3} (ratio of medians); median of per-epoch ratios {Median(ratios):F3}");

MlpTrainerOptions EngineOptions(ITrainingCallback interleave)
{
    var options = new MlpClassificationOptions
    {
        Preprocessing = FeaturePreprocessing.None, // the bare loop trains the plain MLP: so does the engine here
        NumericEmbedding = NumericEmbeddingKind.None,
        BatchSize = batchSize,
        MaxEpochs = epochs + 1,
        LearningRate = lr,
        WeightDecay = weightDecay,
        LabelSmoothing = smoothing,
        GradientClipNorm = clip,
        ValidationFraction = 0,
        EarlyStoppingPatience = null,
        WarmupEpochs = 1,
        NumberOfThreads = threads,
    };
    options.Callbacks.Add(interleave);
    return options;
}

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToArray();
    int n = sorted.Length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/// <summary>The hand-written loop; runs one epoch each time the engine finishes one (OnEpochEnd is outside the engine's epoch timer).</summary>
sealed class BareLoop : ITrainingCallback, IDisposable
{
    private readonly MlpNetwork _net;
    private readonly torch.optim.Optimizer _optimizer;
    private readonly TorchSharp.Modules.Parameter[] _parameters;
    private readonly Tensor _x, _y;
    private readonly int _batchSize;
    private readonly double _smoothing, _clip;

    public BareLoop(MlpArchitecture architecture, int features, int classes, Tensor x, Tensor y, int batchSize, double lr, double weightDecay, double smoothing, double clip)
    {
        torch.manual_seed(0);
        _net = MlpNetwork.Build(architecture, features, classes);
        var named = _net.named_parameters().ToArray();
        bool Decayed((string name, TorchSharp.Modules.Parameter p) np) => np.p.dim() >= 2 && !np.name.Contains("norm");
        _optimizer = torch.optim.AdamW(new[]
        {
            new TorchSharp.Modules.AdamW.ParamGroup(named.Where(Decayed).Select(np => np.parameter), lr: lr, weight_decay: weightDecay),
            new TorchSharp.Modules.AdamW.ParamGroup(named.Where(np => !Decayed(np)).Select(np => np.parameter), lr: lr, weight_decay: 0),
        }, lr: lr);
        _parameters = _net.parameters().ToArray();
        _x = x; _y = y; _batchSize = batchSize; _smoothing = smoothing; _clip = clip;
    }

    public List<double> EpochSeconds { get; } = new();

    public void OnEpochEnd(TrainingContext context)
    {
        int rows = (int)_x.shape[0];
        _net.train();
        var watch = Stopwatch.StartNew();
        using (var epochScope = torch.NewDisposeScope())
        {
            var perm = torch.randperm(rows);
            for (int start = 0; start < rows; start += _batchSize)
            {
                using var batchScope = torch.NewDisposeScope();
                int length = Math.Min(_batchSize, rows - start);
                var idx = perm.narrow(0, start, length);
                var output = _net.forward(_x.index_select(0, idx));
                var loss = nn.functional.cross_entropy(output, _y.index_select(0, idx), label_smoothing: _smoothing);
                _optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(_parameters, _clip);
                _optimizer.step();
            }
        }
        EpochSeconds.Add(watch.Elapsed.TotalSeconds);
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _net.Dispose();
    }
}
