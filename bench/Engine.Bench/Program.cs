// Engine overhead benchmark: one epoch of MlpTrainer against a hand-written TorchSharp loop doing the same work
// (same network from MlpNetwork.Build, AdamW with the same parameter groups, label-smoothed cross-entropy,
// gradient clipping, same batch size, same data), in one process. Prints median seconds per epoch and the ratio.
//
//   dotnet run -c Release --project bench/Engine.Bench [-- rows features epochs rounds threads]
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Dropout.Native;
using Microsoft.ML.Dropout.Networks;
using Microsoft.ML.Dropout.Optimization;
using Microsoft.ML.Dropout.Training;
using TorchSharp;
using static TorchSharp.torch;

int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
int features = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
int epochs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
int rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
int threads = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
const int classes = 4, batchSize = 256;
const double lr = 1e-3, weightDecay = 0.01, smoothing = 0.1, clip = 1.0;

TorchRuntime.EnsureLoaded(threads);
var data = MakeData(rows, features, classes, seed: 1);
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
    engine.AddRange(EngineEpochs());
    bare.AddRange(BareEpochs());
}
double engineMedian = Median(engine), bareMedian = Median(bare);
Console.WriteLine($"engine (MlpTrainer):   median {engineMedian:F4} s/epoch over {engine.Count} epochs  [{string.Join(" ", engine.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))}]");
Console.WriteLine($"bare TorchSharp loop:  median {bareMedian:F4} s/epoch over {bare.Count} epochs  [{string.Join(" ", bare.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))}]");
Console.WriteLine($"ratio engine/bare:     {engineMedian / bareMedian:F3}");

IEnumerable<double> EngineEpochs()
{
    var options = new MlpTrainerOptions
    {
        Task = TaskKind.MulticlassClassification,
        ClassCount = classes,
        Architecture = architecture,
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
    var result = new MlpTrainer(options).Fit(data);
    return result.History.Skip(1).Select(h => h.Seconds).ToArray();
}

IEnumerable<double> BareEpochs()
{
    torch.manual_seed(0);
    using var net = MlpNetwork.Build(architecture, features, classes);
    var named = net.named_parameters().ToArray();
    var decay = named.Where(p => p.parameter.dim() >= 2 && !p.name.Contains("norm")).Select(p => p.parameter).ToArray();
    var noDecay = named.Where(p => !(p.parameter.dim() >= 2 && !p.name.Contains("norm"))).Select(p => p.parameter).ToArray();
    using var optimizer = torch.optim.AdamW(new[]
    {
        new TorchSharp.Modules.AdamW.ParamGroup(decay, lr: lr, weight_decay: weightDecay),
        new TorchSharp.Modules.AdamW.ParamGroup(noDecay, lr: lr, weight_decay: 0),
    }, lr: lr);
    var parameters = net.parameters().ToArray();
    net.train();
    var times = new List<double>();
    for (int epoch = 0; epoch <= epochs; epoch++)
    {
        var watch = Stopwatch.StartNew();
        using (var epochScope = torch.NewDisposeScope())
        {
            var perm = torch.randperm(rows);
            for (int start = 0; start < rows; start += batchSize)
            {
                using var batchScope = torch.NewDisposeScope();
                int length = Math.Min(batchSize, rows - start);
                var idx = perm.narrow(0, start, length);
                var output = net.forward(x.index_select(0, idx));
                var loss = nn.functional.cross_entropy(output, y.index_select(0, idx), label_smoothing: smoothing);
                optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(parameters, clip);
                optimizer.step();
            }
        }
        if (epoch > 0)
            times.Add(watch.Elapsed.TotalSeconds);
    }
    return times;
}

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToArray();
    int n = sorted.Length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

static TrainingData MakeData(int rows, int features, int classes, int seed)
{
    var rng = new Random(seed);
    var x = new float[rows * features];
    var y = new float[rows];
    var map = new double[classes, 10];
    for (int k = 0; k < classes; k++) for (int j = 0; j < 10; j++) map[k, j] = rng.NextDouble() * 2 - 1;
    for (int r = 0; r < rows; r++)
    {
        for (int j = 0; j < features; j++)
            x[r * features + j] = (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        int best = 0; double bestV = double.NegativeInfinity;
        for (int k = 0; k < classes; k++)
        {
            double v = 0;
            for (int j = 0; j < Math.Min(10, features); j++) v += map[k, j] * x[r * features + j];
            if (v > bestV) { bestV = v; best = k; }
        }
        y[r] = best;
    }
    return new TrainingData(x, rows, features, y);
}
