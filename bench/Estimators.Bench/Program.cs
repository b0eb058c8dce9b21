// Estimators bench: one run measures
//   1. adapter (IDataView read + engine + scoring chain) vs engine on pre-built TrainingData, per epoch (target ≤ 1.15×);
//   2. Transform + cursor rows/s on 200k × 50 rows: the fitted transformer (block scoring) vs LightGBM with default
//      options, measured pass for pass with it (target ≥ LightGBM), the saved-then-loaded chain (OnnxTransformer, one row per call) and PredictBatch;
//   3. PredictionEngine µs/row: fitted vs LightGBM, pass for pass (target ≤ 2×) and the loaded chain, the network's share
//      (SnapshotRowEvaluator.Forward alone; for the plain MLP also its dense layers, LayerNorm and activations) and
//      ML.NET's floor (PredictionEngine over a linear model);
//      for the tabular model also the network alone in Transform's 256-row chunks (rows/s on 1 and all cores, and
//      thread CPU time per row by part: the folded quantile + bin lookup, the folded embedding + first dense layer,
//      the layers after it; other chunk sizes), ML.NET's Transform floor (a linear model) and the largest |Δ Score|
//      between the fitted and the saved-then-loaded chain on 10,000 rows;
//      sections 2 and 3 run for two models: the plain MLP and "tabular defaults (Quantile + PLE)" (quantile
//      preprocessing + piecewise-linear embedding, 48 bins (target-aware for this binary task), d = 16, FrontScale (folded when scoring), one network, on the raw features);
//   4. multiclass Fit time for 10 vs 1,000 classes (1 epoch), the part outside training (read + export + scoring
//      head), and the scoring chain's build on its own (ScoringChainFactory.Build: export + ApplyOnnxModel + head; target ≤ 2 s).
// Usage: dotnet run -c Release --project bench/Estimators.Bench [-- rows epochs [--scoring-only] [--tabular-only]]
//   --tabular-only: sections 2 and 3 for the tabular-defaults model only, without its saved-then-loaded chain and
//   PredictBatch (they run ONNX Runtime, which the managed scoring path does not), for quick A/B runs of that path.
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout;
using Microsoft.ML.Dropout.Estimators;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Snapshots;
using Microsoft.ML.Dropout.Training;

int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50_000;
int epochs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
const int features = 50;
int scoringRows = 200_000;
bool tabularOnly = args.Contains("--tabular-only");
bool scoringOnly = tabularOnly || args.Contains("--scoring-only");
var ml = new MLContext(0);
bool warmedUp = false;

Console.WriteLine($"Estimators bench: {rows} training rows × {features} features, MLP {features}-256-128-1, {epochs} epochs, {Environment.ProcessorCount} cores");

// ---- data ----
var train = ml.Data.LoadFromEnumerable(BenchRow.Generate(rows, features, seed: 1).ToList(), BenchRow.Schema(features));
var scoring = ml.Data.LoadFromEnumerable(BenchRow.Generate(scoringRows, features, seed: 2).ToList(), BenchRow.Schema(features));
train = ml.Data.Cache(train);

// The plain MLP (no tabular front): the tabular-defaults model below sets its front explicitly.
RegularizedMlpBinaryTrainer.Options Options() => new()
{
    Preprocessing = FeaturePreprocessing.None,
    NumericEmbedding = NumericEmbeddingKind.None,
    MaxEpochs = epochs,
    WarmupEpochs = 1,
    EarlyStoppingPatience = null,
    ValidationFraction = 0.1,
    RefitOnAllRows = false, // one run per Fit: section 1 times epochs, section 4 one epoch
    Seed = 1,
};

// ---- 1. training: engine on pre-built TrainingData vs adapter on IDataView ----
Microsoft.ML.Dropout.Native.TorchRuntime.EnsureLoaded();
if (!scoringOnly)
{
var (prebuilt, _) = PrebuiltData(train, features);
// Warm-up (native load, JIT) with one short run of each.
RunEngine(prebuilt, 1);
RunAdapter(train, 1);

var engineRuns = new List<(double Total, double Epoch)>();
var adapterRuns = new List<(double Total, double Epoch, double Overhead)>();
for (int repeat = 0; repeat < 3; repeat++)
{
    // Interleaved, so both see the same machine load.
    engineRuns.Add(RunEngine(prebuilt, epochs));
    adapterRuns.Add(RunAdapter(train, epochs));
}
double engineTotal = Median(engineRuns.Select(r => r.Total)), adapterTotal = Median(adapterRuns.Select(r => r.Total));
double engineEpoch = Median(engineRuns.Select(r => r.Epoch)), adapterEpoch = Median(adapterRuns.Select(r => r.Epoch));
double overhead = Median(adapterRuns.Select(r => r.Overhead));
var readClock = Stopwatch.StartNew();
PrebuiltData(train, features);
double read = readClock.Elapsed.TotalSeconds;
Console.WriteLine();
Console.WriteLine("1. Training (median of 3 interleaved runs; epoch = median EpochMetrics.Seconds)");
Console.WriteLine($"   engine on pre-built TrainingData : {engineTotal:F2} s total, {engineEpoch:F3} s/epoch");
Console.WriteLine($"   adapter Fit(IDataView)           : {adapterTotal:F2} s total, {adapterEpoch:F3} s/epoch");
Console.WriteLine($"   adapter overhead outside the engine (IDataView read + ONNX export + scoring chain): {overhead:F2} s; read alone {read:F2} s");
Console.WriteLine($"   ratio adapter/engine: total {adapterTotal / engineTotal:F3}×, per epoch incl. overhead {(adapterEpoch + overhead / epochs) / engineEpoch:F3}× (target ≤ 1.15×)");
}

// ---- 2./3. scoring: the plain MLP and the tabular-defaults front (Quantile + piecewise-linear embedding) ----
var lightGbm = ml.BinaryClassification.Trainers.LightGbm().Fit(train);
var (scoringFeatures, n) = PrebuiltFeatures(scoring, features);
var samples = BenchRow.Generate(10_000, features, seed: 3).ToArray();
double lgbmRate = Rate(() => Drain(lightGbm.Transform(scoring), "Score"), scoringRows);
double lgbmMicro = Latency(ml.Model.CreatePredictionEngine<BenchRow, BinaryPrediction>(lightGbm, inputSchemaDefinition: BenchRow.Schema(features)), samples);
// The floor: ML.NET's own PredictionEngine cost around a model with almost no arithmetic (a linear model over the
// same 50 features with its Platt calibrator, the same three output columns).
var linear = ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 1).Fit(train);
double floorMicro = Latency(ml.Model.CreatePredictionEngine<BenchRow, BinaryPrediction>(linear, inputSchemaDefinition: BenchRow.Schema(features)), samples);
double floorRate = Rate(() => Drain(linear.Transform(scoring), "Score"), scoringRows);
Console.WriteLine();
Console.WriteLine($"LightGBM, default options: Transform + cursor over Score {lgbmRate:N0} rows/s, PredictionEngine {lgbmMicro:F1} µs/row; ML.NET floor (SDCA logistic, same columns): PredictionEngine {floorMicro:F1} µs/row, Transform + cursor {floorRate:N0} rows/s");
var plain = tabularOnly ? null : ml.BinaryClassification.Trainers.RegularizedMlp(Options()).Fit(train);
if (plain is not null)
    ScoringSection("plain MLP 50-256-128-1", plain, breakdown: true);
// The tabular defaults of issue 11, set explicitly; the features reach the trainer raw (no normalizer in the pipeline).
var tabularOptions = Options();
tabularOptions.Preprocessing = FeaturePreprocessing.Quantile;
tabularOptions.NumericEmbedding = NumericEmbeddingKind.PiecewiseLinear;
tabularOptions.PiecewiseLinearBins = 48;
tabularOptions.EmbeddingDimension = 16;
tabularOptions.EnsembleSize = 1;
var tabular = ml.BinaryClassification.Trainers.RegularizedMlp(tabularOptions).Fit(train);
ScoringSection("tabular defaults (Quantile + PLE)", tabular, breakdown: false);
plain?.Model.Dispose();
tabular.Model.Dispose();
if (tabularOnly)
    return 0;

// Sections 2 (Transform + cursor rows/s, best of 3) and 3 (PredictionEngine µs/row, mean over 10,000 rows, best of 4 passes) for one model.
void ScoringSection(string name, RegularizedMlpPredictionTransformer model, bool breakdown)
{
    ITransformer loaded;
    using (var stream = new MemoryStream())
    {
        ml.Model.Save(model, train.Schema, stream);
        stream.Position = 0;
        loaded = new MLContext(1).Model.Load(stream, out _);
    }
    // Interleaved with LightGBM's (pass for pass, best of 4 each), so that both see the same machine load: the
    // ratio then holds on a machine shared with other work, where rates measured minutes apart do not compare.
    var lgbmEngine = ml.Model.CreatePredictionEngine<BenchRow, BinaryPrediction>(lightGbm, inputSchemaDefinition: BenchRow.Schema(features));
    var (fittedRate, lgbmRateHere) = InterleavedRates(() => Drain(model.Transform(scoring), "Score"), () => Drain(lightGbm.Transform(scoring), "Score"), scoringRows);
    double loadedRate = tabularOnly ? double.NaN : Rate(() => Drain(loaded.Transform(scoring), "Score"), scoringRows);
    double batchRate = tabularOnly ? double.NaN : Rate(() => model.Model.PredictBatch(scoringFeatures, n), scoringRows);
    Console.WriteLine();
    Console.WriteLine($"== {name} ==");
    Console.WriteLine($"2. Transform + cursor over Score, {scoringRows} rows (best of 3)");
    Console.WriteLine($"   RegularizedMlp fitted (block scoring)  : {fittedRate,12:N0} rows/s  ({fittedRate / lgbmRateHere:F2}× LightGBM's {lgbmRateHere:N0} measured interleaved with it; target ≥ 1)");
    Console.WriteLine($"   RegularizedMlp saved-then-loaded chain : {loadedRate,12:N0} rows/s  (OnnxTransformer, one row per call)");
    Console.WriteLine($"   PredictBatch(float[]) ORT batches      : {batchRate,12:N0} rows/s");
    var first = ml.Data.TakeRows(scoring, 10_000);
    var fittedScores = model.Transform(first).GetColumn<float>("Score").ToArray();
    var loadedScores = loaded.Transform(first).GetColumn<float>("Score").ToArray();
    Console.WriteLine($"   fitted vs saved-then-loaded chain, first 10,000 rows: max |Δ Score| = {fittedScores.Zip(loadedScores, (a, b) => Math.Abs(a - b)).Max():G3} (target ≤ 1e-5)");

    var rowEvaluator = new SnapshotRowEvaluator(model.Model.Snapshot);
    double networkFirst = NetworkLatency(rowEvaluator, samples);
    var (micro, lgbmMicroHere) = InterleavedLatencies(ml.Model.CreatePredictionEngine<BenchRow, BinaryPrediction>(model, inputSchemaDefinition: BenchRow.Schema(features)), lgbmEngine, samples);
    double loadedMicro = tabularOnly ? double.NaN : Latency(ml.Model.CreatePredictionEngine<BenchRow, BinaryPrediction>(loaded, inputSchemaDefinition: BenchRow.Schema(features)), samples);
    // The network is measured first and last (the first measurement of a run is often slowed, e.g. by the JIT or
    // the GC after section 2); the better of the two is shown.
    double networkMicro = Math.Min(networkFirst, NetworkLatency(rowEvaluator, samples));
    Console.WriteLine("3. PredictionEngine, single row (mean over 10,000 rows, best of 4 passes)");
    Console.WriteLine($"   RegularizedMlp fitted        : {micro:F1} µs/row  ({micro / lgbmMicroHere:F2}× LightGBM's {lgbmMicroHere:F1} µs measured interleaved with it; target ≤ 2)");
    Console.WriteLine($"   RegularizedMlp loaded chain  : {loadedMicro:F1} µs/row");
    Console.WriteLine($"   of the fitted: network alone (SnapshotRowEvaluator.Forward) {networkMicro:F1} µs/row; fitted − network − floor = {micro - networkMicro - floorMicro:F1} µs/row of our adapter (feature copy, head)");
    var snapshot = model.Model.Snapshot;
    if (!breakdown)
    {
        // Where the tabular network's time goes: without its preprocessing, and the front alone (preprocessing,
        // embedding and first dense layer, folded into one lookup per feature when SnapshotRowEvaluator.FoldsEmbedding).
        var rest = snapshot.Layers.Where(l => l is not Microsoft.ML.Dropout.Snapshots.Tabular.PreprocessingLayer).ToList();
        int firstDense = snapshot.Layers.ToList().FindIndex(l => l is DenseLayer);
        var front = snapshot with { Task = TaskKind.MulticlassClassification, OutputSize = ((DenseLayer)snapshot.Layers[firstDense]).OutputSize, Layers = snapshot.Layers.Take(firstDense + 1).ToList() };
        double blockOneCore = Rate(() => NetworkInChunks(rowEvaluator, scoringFeatures, n, parallel: false), scoringRows);
        double blockAllCores = Rate(() => NetworkInChunks(rowEvaluator, scoringFeatures, n, parallel: true), scoringRows);
        Console.WriteLine($"   network alone in 256-row chunks (SnapshotRowEvaluator.ForwardRows): {blockOneCore:N0} rows/s on 1 core ({1e6 / blockOneCore:F2} µs/row), {blockAllCores:N0} rows/s on {Environment.ProcessorCount} cores");
        // CPU time of this thread (immune to other processes taking the cores, not to their use of the shared cache).
        var single = new float[rowEvaluator.OutputSize];
        double cpuSingle = BestThreadCpuMicrosecondsPerRow(() => { foreach (var s in samples) rowEvaluator.Forward(s.Features, single); }, samples.Length);
        double cpuBlock = BestThreadCpuMicrosecondsPerRow(() => NetworkInChunks(rowEvaluator, scoringFeatures, 50_000, parallel: false), 50_000);
        double ChunkCpu(MlpSnapshot part) { var e = new SnapshotRowEvaluator(part); return BestThreadCpuMicrosecondsPerRow(() => NetworkInChunks(e, scoringFeatures, 50_000, parallel: false), 50_000); }
        double cpuBlockRest = ChunkCpu(snapshot with { Layers = rest });
        double cpuBlockFront = ChunkCpu(front);
        double cpuBlockFold = ChunkCpu(front with { Layers = front.Layers.Where(l => l is not Microsoft.ML.Dropout.Snapshots.Tabular.PreprocessingLayer).ToList() });
        Console.WriteLine($"   thread CPU time per row (best of 4): network one row at a time {cpuSingle:F2} µs, in 256-row chunks {cpuBlock:F2} µs: preprocessing {cpuBlock - cpuBlockRest:F2}, folded embedding + first dense {cpuBlockFold:F2}, the layers after it {cpuBlock - cpuBlockFront:F2} µs");
        Console.WriteLine($"     again: Transform + cursor {Rate(() => Drain(model.Transform(scoring), "Score"), scoringRows):N0} rows/s; network in chunks on {Environment.ProcessorCount} cores {Rate(() => NetworkInChunks(rowEvaluator, scoringFeatures, n, parallel: true), scoringRows):N0} rows/s");
        var chunkCpu = new[] { 64, 128, 512 }.Select(c => $"{c} rows {BestThreadCpuMicrosecondsPerRow(() => NetworkInChunks(rowEvaluator, scoringFeatures, 50_000, parallel: false, c), 50_000):F2} µs");
        Console.WriteLine($"     other chunk sizes: {string.Join(", ", chunkCpu)}");
        double withoutPreprocessing = NetworkLatency(new SnapshotRowEvaluator(snapshot with { Layers = rest }), samples);
        double frontOnly = NetworkLatency(new SnapshotRowEvaluator(front), samples);
        Console.WriteLine($"     folded embedding: {rowEvaluator.FoldsEmbedding}; preprocessing takes {networkMicro - withoutPreprocessing:F1} µs/row; the front (preprocessing + embedding + first dense) {frontOnly:F1} µs/row, the layers after it {networkMicro - frontOnly:F1} µs/row");
        return;
    }
    // Where the network's time goes: the same snapshot without its LayerNorm and/or activation layers (dropout is the
    // identity when scoring).
    double WithoutLayers(params Type[] dropped) =>
        NetworkLatency(new SnapshotRowEvaluator(snapshot with { Layers = snapshot.Layers.Where(l => !dropped.Contains(l.GetType())).ToList() }), samples);
    double denseOnly = WithoutLayers(typeof(LayerNormLayer), typeof(ActivationLayer));
    double withNorm = WithoutLayers(typeof(ActivationLayer));
    double withActivation = WithoutLayers(typeof(LayerNormLayer));
    Console.WriteLine($"     of which dense layers alone {denseOnly:F1} µs/row; LayerNorm adds {withNorm - denseOnly:F1}, the activations {withActivation - denseOnly:F1} µs/row");
}

// ---- 4. multiclass Fit: 10 vs 1,000 classes ----
Console.WriteLine();
Console.WriteLine("4. Multiclass Fit, 5,000 rows × 50 features, 1 epoch (first: warm-up, not shown)");
foreach (int classes in new[] { 10, 10, 1000 })
{
    var rowsK = BenchRow.Generate(5_000, features, seed: 4).Select((r, i) => new MulticlassBenchRow { Features = r.Features, Class = (uint)(i % classes) }).ToList();
    var dataK = ml.Data.LoadFromEnumerable(rowsK, BenchRow.Schema(typeof(MulticlassBenchRow), features));
    dataK = ml.Transforms.Conversion.MapValueToKey("Label", "Class").Fit(dataK).Transform(dataK);
    var clockK = Stopwatch.StartNew();
    var fittedK = ml.MulticlassClassification.Trainers.RegularizedMlp(new RegularizedMlpMulticlassTrainer.Options { MaxEpochs = 1, EarlyStoppingPatience = null, Seed = 1 }).Fit(dataK);
    double totalK = clockK.Elapsed.TotalSeconds;
    clockK.Restart();
    ScoringChainFactory.Build(fittedK.Model.Snapshot, "Features", dataK, dataK.Schema["Label"], 1);
    double chainK = clockK.Elapsed.TotalSeconds;
    if (classes == 10 && !warmedUp) { warmedUp = true; fittedK.Model.Dispose(); continue; }
    Console.WriteLine($"   {classes,5} classes: Fit {totalK:F2} s, of which outside training (read + export + scoring head) {totalK - fittedK.Model.TrainingSeconds:F2} s; scoring chain built again on its own {chainK:F2} s (target ≤ 2 s)");
    fittedK.Model.Dispose();
}
return 0;

// Rows/s of two actions measured pass for pass (a, b, a, b, …; one warm-up pass each, then best of 4 each).
static (double A, double B) InterleavedRates(Action a, Action b, int count)
{
    a();
    b();
    double bestA = double.MaxValue, bestB = double.MaxValue;
    for (int i = 0; i < 4; i++)
    {
        var clock = Stopwatch.StartNew();
        a();
        bestA = Math.Min(bestA, clock.Elapsed.TotalSeconds);
        clock.Restart();
        b();
        bestB = Math.Min(bestB, clock.Elapsed.TotalSeconds);
    }
    return (count / bestA, count / bestB);
}

// µs/row of two PredictionEngines over the samples, pass for pass (best of 4 passes each after 2 warm-up passes each).
static (double A, double B) InterleavedLatencies(PredictionEngine<BenchRow, BinaryPrediction> a, PredictionEngine<BenchRow, BinaryPrediction> b, BenchRow[] samples)
{
    var output = new BinaryPrediction();
    double Pass(PredictionEngine<BenchRow, BinaryPrediction> engine)
    {
        var clock = Stopwatch.StartNew();
        foreach (var s in samples) engine.Predict(s, ref output);
        return clock.Elapsed.TotalMilliseconds * 1000 / samples.Length;
    }
    for (int i = 0; i < 2; i++) { Pass(a); Pass(b); }
    double bestA = double.MaxValue, bestB = double.MaxValue;
    for (int i = 0; i < 4; i++)
    {
        bestA = Math.Min(bestA, Pass(a));
        bestB = Math.Min(bestB, Pass(b));
    }
    return (bestA, bestB);
}

static double Latency(PredictionEngine<BenchRow, BinaryPrediction> engine, BenchRow[] samples)
{
    var output = new BinaryPrediction();
    return BestMicrosecondsPerRow(samples, s => engine.Predict(s, ref output));
}

// The network alone over the rows in 256-row ForwardRows chunks (what Transform's block scorer does), one evaluator per thread.
static void NetworkInChunks(SnapshotRowEvaluator network, float[] x, int rowCount, bool parallel, int chunk = 256)
{
    int d = network.InputSize, chunks = (rowCount + chunk - 1) / chunk;
    using var evaluators = new ThreadLocal<(SnapshotRowEvaluator Evaluator, float[] Output)>(() => (network.WithOwnBuffers(), new float[chunk * network.OutputSize]));
    void Run(int c)
    {
        var (evaluator, output) = evaluators.Value;
        int start = c * chunk, count = Math.Min(chunk, rowCount - start);
        evaluator.ForwardRows(x.AsSpan(start * d, count * d), count, output.AsSpan(0, count * network.OutputSize));
    }
    if (parallel)
        Parallel.For(0, chunks, Run);
    else
        for (int c = 0; c < chunks; c++) Run(c);
}

static double NetworkLatency(SnapshotRowEvaluator network, BenchRow[] samples)
{
    var output = new float[network.OutputSize];
    return BestMicrosecondsPerRow(samples, s => network.Forward(s.Features, output));
}

// Best of 4 passes of the CPU time this thread used (CLOCK_THREAD_CPUTIME_ID, Linux), per row.
static double BestThreadCpuMicrosecondsPerRow(Action pass, int rowsPerPass)
{
    double best = double.MaxValue;
    for (int i = 0; i < 4; i++)
    {
        double start = ThreadCpu.Seconds();
        pass();
        best = Math.Min(best, (ThreadCpu.Seconds() - start) * 1e6 / rowsPerPass);
    }
    return best;
}

// Best of 4 passes over the samples: the first passes also run while the JIT's optimized (tier-1) code is not yet in
// place, which under load takes longer than a pass and would penalize whichever path is measured first.
static double BestMicrosecondsPerRow(BenchRow[] samples, Action<BenchRow> predict)
{
    double best = double.MaxValue;
    for (int pass = 0; pass < 4; pass++)
    {
        var clock = Stopwatch.StartNew();
        foreach (var s in samples) predict(s);
        best = Math.Min(best, clock.Elapsed.TotalMilliseconds * 1000 / samples.Length);
    }
    return best;
}

static double Median(IEnumerable<double> values)
{
    var v = values.OrderBy(x => x).ToArray();
    return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
}

(double Total, double Epoch) RunEngine(TrainingData data, int maxEpochs)
{
    var engineOptions = new MlpClassificationOptions
    {
        Preprocessing = FeaturePreprocessing.None, // the same plain MLP as Options()
        NumericEmbedding = NumericEmbeddingKind.None,
        MaxEpochs = maxEpochs,
        WarmupEpochs = maxEpochs > 1 ? 1 : 0,
        EarlyStoppingPatience = null,
        ValidationFraction = 0.1,
        RefitOnAllRows = false, // as Options()
        Seed = 1,
    };
    var clock = Stopwatch.StartNew();
    var result = new MlpTrainer(engineOptions, TrainingTask.Binary).Fit(data);
    return (clock.Elapsed.TotalSeconds, Median(result.History.Select(h => h.Seconds)));
}

(double Total, double Epoch, double Overhead) RunAdapter(IDataView data, int maxEpochs)
{
    var o = Options();
    o.MaxEpochs = maxEpochs;
    o.WarmupEpochs = maxEpochs > 1 ? 1 : 0;
    var clock = Stopwatch.StartNew();
    var fitted = ml.BinaryClassification.Trainers.RegularizedMlp(o).Fit(data);
    double seconds = clock.Elapsed.TotalSeconds;
    fitted.Model.Dispose();
    return (seconds, Median(fitted.Model.History.Select(h => h.Seconds)), seconds - fitted.Model.TrainingSeconds);
}

static (TrainingData Data, int Rows) PrebuiltData(IDataView data, int d)
{
    var (f, n) = PrebuiltFeatures(data, d);
    var labels = data.GetColumn<bool>("Label").Select(b => b ? 1f : 0f).ToArray();
    return (new TrainingData(f, n, d, labels), n);
}

static (float[] Features, int Rows) PrebuiltFeatures(IDataView data, int d)
{
    var list = data.GetColumn<float[]>("Features").ToList();
    var f = new float[list.Count * d];
    for (int i = 0; i < list.Count; i++) list[i].CopyTo(f, i * d);
    return (f, list.Count);
}

static double Rate(Action action, int count)
{
    action();
    double best = double.MaxValue;
    for (int i = 0; i < 3; i++)
    {
        var clock = Stopwatch.StartNew();
        action();
        best = Math.Min(best, clock.Elapsed.TotalSeconds);
    }
    return count / best;
}

static void Drain(IDataView scored, string column)
{
    var col = scored.Schema[column];
    using var cursor = scored.GetRowCursor(new[] { col });
    var getter = cursor.GetGetter<float>(col);
    float v = 0;
    while (cursor.MoveNext()) getter(ref v);
}

/// <summary>The CPU time of the calling thread (Linux clock_gettime), for measurements on a machine shared with other work.</summary>
static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>Seconds of CPU time this thread has used; NaN off Linux.</summary>
    public static double Seconds() =>
        OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var t) == 0 ? t.Seconds + t.Nanoseconds * 1e-9 : double.NaN;
}

/// <summary>A row of the synthetic bench data: 50 features in [0, 1], a label from a noisy nonlinear rule.</summary>
public sealed class BenchRow
{
    public float[] Features { get; set; } = [];
    public bool Label { get; set; }

    public static SchemaDefinition Schema(int d) => Schema(typeof(BenchRow), d);

    /// <summary>The schema of <paramref name="row"/> with its Features column declared as a vector of <paramref name="d"/> Single.</summary>
    public static SchemaDefinition Schema(Type row, int d)
    {
        var schema = SchemaDefinition.Create(row);
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, d);
        return schema;
    }

    public static IEnumerable<BenchRow> Generate(int n, int d, int seed)
    {
        var r = new Random(seed);
        for (int i = 0; i < n; i++)
        {
            var x = new float[d];
            for (int j = 0; j < d; j++) x[j] = (float)r.NextDouble();
            double z = 3 * (x[0] - 0.5) + 2 * Math.Sin(6 * x[1]) - 2 * (x[2] - 0.5) * (x[3] - 0.5) * 4 + 0.5 * (r.NextDouble() - 0.5);
            yield return new BenchRow { Features = x, Label = z > 0 };
        }
    }
}

/// <summary>A multiclass row: the bench features and a class index.</summary>
public sealed class MulticlassBenchRow
{
    public float[] Features { get; set; } = [];
    public uint Class { get; set; }
}

/// <summary>Binary prediction columns.</summary>
public sealed class BinaryPrediction
{
    public float Score { get; set; }
    public float Probability { get; set; }
    public bool PredictedLabel { get; set; }
}
