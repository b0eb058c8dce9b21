using Microsoft.Extensions.Logging;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>
/// Rows ML.NET's own trainers skip (its <c>FloatLabelCursor</c>: a label that is not finite, a weight that is not a
/// finite positive number) are skipped by RegularizedMlp too, in memory and streamed: the model is the one trained
/// on the data without them, the warnings and the log name how many and the first, and data with no row left fails
/// with an error that says why.
/// </summary>
[Collection("Sequential")]
public sealed class SkippedRowsTests : IDisposable
{
    private sealed class RegressionRow
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
        public float Weight { get; set; } = 1;
    }

    private sealed class StringLabelRow
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    private readonly MLContext _ml = new(0);
    private readonly string _cacheRoot = Directory.CreateTempSubdirectory("skipped-rows-tests-").FullName;

    public void Dispose() => Directory.Delete(_cacheRoot, recursive: true);

    private static List<RegressionRow> Rows(int n)
    {
        var random = new Random(3);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var x = new[] { (float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble() };
            return new RegressionRow { Features = x, Label = 2 * x[0] - x[1] + 0.5f * x[2] };
        }).ToList();
    }

    private RegularizedMlpRegressionTrainer.Options Options(StreamingMode streaming = StreamingMode.Auto, string? weight = null, ILogger? logger = null) => new()
    {
        HiddenLayers = new[] { 16 },
        MaxEpochs = 3,
        BatchSize = 16,
        Streaming = streaming,
        StreamingCacheDirectory = _cacheRoot,
        ExampleWeightColumnName = weight,
        Logger = logger,
    };

    private float[] Scores(ITransformer model, IEnumerable<RegressionRow> rows) =>
        model.Transform(_ml.Data.LoadFromEnumerable(rows)).GetColumn<float>("Score").ToArray();

    [Theory]
    [InlineData(StreamingMode.Never)]
    [InlineData(StreamingMode.Always)]
    public void Fit_NaNAndInfiniteLabels_SkipsThoseRowsAsFilteringThemWould(StreamingMode streaming)
    {
        var rows = Rows(200);
        var probe = Rows(20);
        var clean = rows.Where((_, i) => i % 7 != 3).ToList();
        for (int i = 3; i < rows.Count; i += 7)
            rows[i].Label = i == 10 ? float.PositiveInfinity : float.NaN;

        var logger = new WarningLogger();
        var skipping = new RegularizedMlpRegressionTrainer(Options(streaming, logger: logger)).Fit(_ml.Data.LoadFromEnumerable(rows));
        var filtered = new RegularizedMlpRegressionTrainer(Options(streaming)).Fit(_ml.Data.LoadFromEnumerable(clean));

        Assert.Equal(Scores(filtered, probe), Scores(skipping, probe));
        Assert.Equal(filtered.Model.Settings!.TrainingRows + filtered.Model.Settings.ValidationRows, clean.Count);
        const string expected = "Skipped 29 of the 200 training rows, as ML.NET's trainers do: 29 whose label 'Label' is NaN or infinite (the first at row 3: NaN). " +
            "Remove them before the trainer with mlContext.Data.FilterRowsByMissingValues(data, \"Label\") to silence this, or fill the labels in.";
        Assert.Equal(expected, skipping.Model.Warnings[0]);
        Assert.Contains(expected, logger.Warnings);
        Assert.DoesNotContain(filtered.Model.Warnings, w => w.StartsWith("Skipped"));
    }

    [Fact]
    public void Fit_NegativeNaNOrInfiniteWeights_SkipsThoseRows()
    {
        var rows = Rows(120);
        rows[5].Weight = -0.5f;
        rows[9].Weight = float.NaN;
        rows[11].Weight = float.PositiveInfinity;
        rows[12].Weight = 0; // kept: a zero weight is valid, it only adds nothing to the loss
        var model = new RegularizedMlpRegressionTrainer(Options(weight: "Weight")).Fit(_ml.Data.LoadFromEnumerable(rows));

        Assert.Equal(117, model.Model.Settings!.TrainingRows + model.Model.Settings.ValidationRows);
        Assert.Equal("Skipped 3 of the 120 training rows, as ML.NET's trainers do: 3 whose example weight 'Weight' is negative, NaN or infinite (the first at row 5: -0.5). " +
            "Fix those weights (finite and ≥ 0) to train on these rows.", model.Model.Warnings[0]);
    }

    [Fact]
    public void FitAndCalibrateTemperature_MissingKeyLabels_SkipThoseRows()
    {
        // A label value the fitted MapValueToKey never saw becomes the missing key (key 0).
        var random = new Random(5);
        var rows = Enumerable.Range(0, 90).Select(i => new StringLabelRow
        {
            Features = new[] { i % 3 + 0.1f * (float)random.NextDouble(), (float)random.NextDouble(), 1f },
            Label = i % 30 == 4 ? "unseen" : "c" + i % 3,
        }).ToList();
        var keys = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(_ml.Data.LoadFromEnumerable(rows.Where(r => r.Label != "unseen")));
        var options = new RegularizedMlpMulticlassTrainer.Options { HiddenLayers = new[] { 16 }, MaxEpochs = 2, BatchSize = 16 };
        var data = keys.Transform(_ml.Data.LoadFromEnumerable(rows));
        var model = _ml.MulticlassClassification.Trainers.RegularizedMlp(options).Fit(data);
        var calibrated = model.CalibrateTemperature(data);

        Assert.Equal(87, model.Model.Settings!.TrainingRows + model.Model.Settings.ValidationRows);
        const string skipped = "3 whose label 'Label' is the missing key (key 0: a value the fitted MapValueToKey never saw, or a missing value) (the first at row 4).";
        Assert.StartsWith("Skipped 3 of the 90 training rows, as ML.NET's trainers do: " + skipped, model.Model.Warnings[0]);
        Assert.Contains(calibrated.Model.Warnings, w => w.StartsWith("CalibrateTemperature: Skipped 3 of the 90 calibration rows, as ML.NET's trainers do: " + skipped, StringComparison.Ordinal));
        Assert.Equal(87, calibrated.Model.TemperatureScaling!.Rows);
    }

    [Fact]
    public void Fit_ValidationSetWithMissingLabels_SkipsThemAndSaysSo()
    {
        var valid = Rows(60);
        valid[2].Label = float.NaN;
        var model = new RegularizedMlpRegressionTrainer(Options()).Fit(_ml.Data.LoadFromEnumerable(Rows(100)), _ml.Data.LoadFromEnumerable(valid));

        Assert.Equal((100, 59), (model.Model.Settings!.TrainingRows, model.Model.Settings.ValidationRows));
        Assert.StartsWith("Skipped 1 of the 60 validation rows, as ML.NET's trainers do: 1 whose label 'Label' is NaN or infinite (the first at row 2: NaN).", model.Model.Warnings[0]);
    }

    [Theory]
    [InlineData(StreamingMode.Never)]
    [InlineData(StreamingMode.Always)]
    public void Fit_EveryLabelMissing_FailsSayingWhy(StreamingMode streaming)
    {
        var rows = Rows(10);
        rows.ForEach(r => r.Label = float.NaN);
        var message = Assert.Throws<InvalidOperationException>(() =>
            new RegularizedMlpRegressionTrainer(Options(streaming)).Fit(_ml.Data.LoadFromEnumerable(rows))).Message;
        Assert.Equal("All 10 training rows were skipped, so there is nothing to train on: 10 whose label 'Label' is NaN or infinite (the first at row 0: NaN). " +
            "Fill the label column 'Label' in, or check the loader (a label read as the wrong type becomes missing).", message);
        Assert.Empty(Directory.GetFileSystemEntries(_cacheRoot));
    }
}
