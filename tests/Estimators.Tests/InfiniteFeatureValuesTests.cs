using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Inference;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>
/// ±∞ feature values under the default in-model quantile preprocessing: Fit takes them as LightGBM does (the column's
/// extreme quantile) instead of failing, in memory and streamed, in a validation set and in CalibrateTemperature; the
/// warnings and the log count them; and scoring — Transform, the saved chain (ONNX Runtime), PredictionEngine and the
/// managed evaluator — sends +∞ (−∞) where it sends the largest (smallest) float.
/// </summary>
[Collection("Sequential")]
public sealed class InfiniteFeatureValuesTests : IDisposable
{
    private sealed class Row
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    private sealed class Scored
    {
        public float Score { get; set; }
    }

    private readonly MLContext _ml = new(0);
    private readonly string _cacheRoot = Directory.CreateTempSubdirectory("infinite-features-tests-").FullName;

    public void Dispose() => Directory.Delete(_cacheRoot, recursive: true);

    /// <summary>
    /// Column 1 is a ratio that overflows to ±∞ in some rows (an embedded column); column 3 a 0/1 flag that is +∞ in a
    /// few (a two-valued column: not embedded, so only the quantile transform's clamp keeps the ∞ out of the network).
    /// </summary>
    private static List<Row> Rows(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(i =>
        {
            float a = (float)random.NextDouble(), b = (float)(random.NextDouble() * 4 - 2);
            float ratio = i % 20 == 1 ? float.PositiveInfinity : i % 20 == 11 ? float.NegativeInfinity : b;
            float flag = i % 20 == 5 ? float.PositiveInfinity : i % 3 == 0 ? 1 : 0;
            return new Row { Features = new[] { a, ratio, (float)random.NextDouble(), flag }, Label = a + b + 0.3 * random.NextDouble() + 0.2 * (i % 3 == 0 ? 1 : 0) > 0.8 };
        }).ToList();
    }

    private RegularizedMlpBinaryTrainer.Options Options(StreamingMode streaming = StreamingMode.Auto, Microsoft.Extensions.Logging.ILogger? logger = null) => new()
    {
        HiddenLayers = new[] { 16 },
        MaxEpochs = 4,
        Streaming = streaming,
        StreamingCacheDirectory = _cacheRoot,
        Logger = logger,
    };

    private const string Notice = "Feature column 'Features' has 30 infinite value(s) in the training data (the first at row 1, slot 1: +∞). " +
        "The in-model quantile preprocessing fits its knots on the finite values and maps +∞ (−∞) to the column's top (bottom) quantile, " +
        "as LightGBM puts such a value in its last (first) bin. If they mean something else (a missing value, say), replace them before the trainer.";

    [Theory]
    [InlineData(StreamingMode.Never)]
    [InlineData(StreamingMode.Always)]
    public void Fit_DefaultPreprocessing_TakesInfiniteFeatures_WarnsAndScoresThemAsTheExtremes(StreamingMode streaming)
    {
        Assert.Equal(FeaturePreprocessing.Quantile, new RegularizedMlpBinaryTrainer.Options().Preprocessing);
        var logger = new WarningLogger();
        var model = new RegularizedMlpBinaryTrainer(Options(streaming, logger)).Fit(_ml.Data.LoadFromEnumerable(Rows(200, seed: 1)));

        Assert.Contains(Notice, model.Model.Warnings);
        Assert.Contains(Notice, logger.Warnings);

        // +∞ scores as float.MaxValue, −∞ as −float.MaxValue: through ML.NET (the ONNX chain) and the managed evaluator.
        var probe = Rows(40, seed: 2).Where(r => float.IsInfinity(r.Features[1]) || float.IsInfinity(r.Features[3])).ToList();
        Assert.NotEmpty(probe);
        var extremes = probe.Select(r => new Row { Features = r.Features.Select(v => float.IsInfinity(v) ? v > 0 ? float.MaxValue : -float.MaxValue : v).ToArray(), Label = r.Label }).ToList();
        float[] infinite = Scores(model, probe), finite = Scores(model, extremes);
        Assert.All(infinite, s => Assert.True(float.IsFinite(s)));
        Assert.Equal(finite, infinite);
        // The saved chain (what Model.Load gives a process without this library) scores through ONNX Runtime.
        using var stream = new MemoryStream();
        _ml.Model.Save(model, _ml.Data.LoadFromEnumerable(probe).Schema, stream);
        stream.Position = 0;
        var loaded = _ml.Model.Load(stream, out _);
        float[] onnx = Scores(loaded, probe);
        Assert.All(onnx, s => Assert.True(float.IsFinite(s)));
        Assert.Equal(Scores(loaded, extremes), onnx);
        Assert.All(onnx.Zip(infinite), pair => Assert.Equal(pair.Second, pair.First, 1e-4f));
        // PredictionEngine: the one-row managed evaluator.
        var engine = _ml.Model.CreatePredictionEngine<Row, Scored>(model);
        Assert.All(probe.Zip(infinite), pair => Assert.Equal(pair.Second, engine.Predict(pair.First).Score, 1e-5f));
        float[] managed = SnapshotEvaluator.Forward(model.Model.Snapshot, probe.SelectMany(r => r.Features).ToArray(), probe.Count);
        Assert.Equal(SnapshotEvaluator.Forward(model.Model.Snapshot, extremes.SelectMany(r => r.Features).ToArray(), extremes.Count), managed);
        Assert.All(managed, s => Assert.True(float.IsFinite(s)));
    }

    [Fact]
    public void FitWithValidationSetAndCalibrateTemperature_InfiniteFeatures_AreTakenAndCounted()
    {
        var data = _ml.Data.LoadFromEnumerable(Rows(200, seed: 1));
        var held = _ml.Data.LoadFromEnumerable(Rows(120, seed: 3));
        var model = new RegularizedMlpBinaryTrainer(Options()).Fit(data, held);
        var calibrated = model.CalibrateTemperature(held);

        Assert.Contains(model.Model.Warnings, w => w.StartsWith("Feature column 'Features' has 18 infinite value(s) in the validation data (the first at row 1, slot 1: +∞).", StringComparison.Ordinal));
        Assert.Contains(calibrated.Model.Warnings, w => w.StartsWith("CalibrateTemperature: Feature column 'Features' has 18 infinite value(s) in the calibration data", StringComparison.Ordinal));
        Assert.Equal(120, calibrated.Model.TemperatureScaling!.Rows);
    }

    [Fact]
    public void Fit_FiniteFeatures_NoInfiniteNotice()
    {
        var rows = Rows(200, seed: 1);
        rows.ForEach(r => r.Features = r.Features.Select(v => float.IsInfinity(v) ? 0 : v).ToArray());
        var model = new RegularizedMlpBinaryTrainer(Options()).Fit(_ml.Data.LoadFromEnumerable(rows));
        Assert.DoesNotContain(model.Model.Warnings, w => w.Contains("infinite", StringComparison.Ordinal));
    }

    private float[] Scores(ITransformer model, IEnumerable<Row> rows) =>
        model.Transform(_ml.Data.LoadFromEnumerable(rows)).GetColumn<float>("Score").ToArray();
}
