using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>
/// Every kind of bad input gets an error naming the column, the value and the fix, before any training; rows ML.NET's
/// trainers skip (missing label, bad weight) are skipped here too (<see cref="SkippedRowsTests"/>).
/// </summary>
public sealed class InputErrorTests
{
    public sealed class VectorRow
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
        public float Weight { get; set; } = 1;
    }

    private sealed class KeyRow
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        [KeyType(3)] public uint Label { get; set; }
    }

    private sealed class RegressionRow
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private sealed class ScalarFeatureRow
    {
        public float Features { get; set; }
        public bool Label { get; set; }
    }

    private sealed class StringLabelRow
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
        public float Index { get; set; }
    }

    private static readonly MLContext Ml = new(0);

    private static RegularizedMlpBinaryTrainer Binary(int batchSize = 2, string? weight = null, FeaturePreprocessing preprocessing = FeaturePreprocessing.None) =>
        Ml.BinaryClassification.Trainers.RegularizedMlp(new RegularizedMlpBinaryTrainer.Options { BatchSize = batchSize, ExampleWeightColumnName = weight, MaxEpochs = 1, WarmupEpochs = 0, Preprocessing = preprocessing });

    private static RegularizedMlpMulticlassTrainer Multiclass(int batchSize = 2) =>
        Ml.MulticlassClassification.Trainers.RegularizedMlp(new RegularizedMlpMulticlassTrainer.Options { BatchSize = batchSize, MaxEpochs = 1, WarmupEpochs = 0 });

    private static IEnumerable<VectorRow> GoodBinaryRows(int n) =>
        Enumerable.Range(0, n).Select(i => new VectorRow { Features = new[] { i * 0.1f, 1f }, Label = i % 2 == 0 });

    private static string Error(Action action) => Assert.ThrowsAny<ArgumentException>(action).Message;

    /// <summary>A schema problem: ArgumentOutOfRangeException, as ML.NET reports it.</summary>
    private static string SchemaError(Action action) => Assert.Throws<ArgumentOutOfRangeException>(action).Message;

    [Fact]
    public void Fit_FeatureColumnMissing_SuggestsConcatenateAndNormalize()
    {
        var data = Ml.Data.LoadFromEnumerable(GoodBinaryRows(4));
        var message = SchemaError(() => Ml.BinaryClassification.Trainers.RegularizedMlp(featureColumnName: "Pixels").Fit(data));
        Assert.Equal("The training data has no feature column 'Pixels' (columns: 'Features', 'Label', 'Weight'). Put the features into one vector column, " +
            "e.g. mlContext.Transforms.Concatenate(\"Pixels\", \"A\", \"B\", …) followed by mlContext.Transforms.NormalizeMinMax(\"Pixels\"), or set FeatureColumnName to your feature vector column.", message);
    }

    [Fact]
    public void Fit_ScalarFeatureColumn_SuggestsConcatenate()
    {
        var data = Ml.Data.LoadFromEnumerable(new[] { new ScalarFeatureRow { Features = 1, Label = true } });
        var message = SchemaError(() => Binary().Fit(data));
        Assert.StartsWith("Feature column 'Features' has type Single; RegularizedMlp needs a known-size vector of Single. Build it with mlContext.Transforms.Concatenate(\"Features\", …)", message);
        Assert.Contains("NormalizeMinMax(\"Features\")", message);
    }

    [Fact]
    public void Fit_BinaryLabelNotBoolean_SuggestsBoolean()
    {
        var data = Ml.Data.LoadFromEnumerable(new[] { new RegressionRow { Features = new[] { 1f, 2f }, Label = 1 } });
        var message = SchemaError(() => Binary().Fit(data));
        Assert.StartsWith("Label column 'Label' has type Single; binary classification needs a Boolean label. Convert it to true/false, e.g. mlContext.Transforms.Conversion.ConvertType(\"Label\", outputKind: DataKind.Boolean)", message);
    }

    [Fact]
    public void Fit_MulticlassLabelNotKey_SuggestsMapValueToKey()
    {
        var data = Ml.Data.LoadFromEnumerable(new[] { new StringLabelRow { Features = new[] { 1f, 2f }, Label = "a" } });
        var message = SchemaError(() => Multiclass().Fit(data));
        Assert.Equal("Label column 'Label' has type String; multiclass classification needs a key-typed label. Add mlContext.Transforms.Conversion.MapValueToKey(\"Label\") before the trainer (and MapKeyToValue(\"PredictedLabel\") after it).", message);
    }

    [Fact]
    public void Fit_RegressionLabelBoolean_SuggestsConvertType()
    {
        var data = Ml.Data.LoadFromEnumerable(GoodBinaryRows(4));
        var message = SchemaError(() => Ml.Regression.Trainers.RegularizedMlp().Fit(data));
        Assert.Equal("Label column 'Label' has type Boolean; regression needs a Single or Double label. Convert it with mlContext.Transforms.Conversion.ConvertType(\"Label\", outputKind: DataKind.Single).", message);
    }

    [Fact]
    public void Fit_NaNFeatures_ReportsCountFirstRowAndSlot()
    {
        var rows = GoodBinaryRows(6).ToList();
        rows[3].Features[1] = float.NaN;
        rows[5].Features[0] = float.PositiveInfinity;
        var message = Error(() => Binary().Fit(Ml.Data.LoadFromEnumerable(rows)));
        Assert.Equal("Feature column 'Features' contains 2 NaN or infinite value(s) this model's preprocessing cannot take; the first is NaN at row 3, slot 1. " +
            "Without in-model preprocessing (Preprocessing = None) a missing value is an error: set Preprocessing = Quantile (the default; it imputes the training median), " +
            "or replace missing values before the trainer, e.g. mlContext.Transforms.ReplaceMissingValues(\"Features\"), or remove those rows.", message);
    }

    [Theory]
    [InlineData(FeaturePreprocessing.RobustClip)]
    [InlineData(FeaturePreprocessing.Standardize)]
    [InlineData(FeaturePreprocessing.None)]
    public void Fit_AffineOrNoPreprocessing_ReportsInfiniteFeaturesAndNamesQuantile(FeaturePreprocessing preprocessing)
    {
        var rows = GoodBinaryRows(6).ToList();
        if (preprocessing != FeaturePreprocessing.None)
        {
            rows[3].Features[1] = float.NaN;
            Binary(preprocessing: preprocessing).Fit(Ml.Data.LoadFromEnumerable(rows)); // NaN → the training median inside the model
        }
        rows[5].Features[0] = float.NegativeInfinity;
        var message = Error(() => Binary(preprocessing: preprocessing).Fit(Ml.Data.LoadFromEnumerable(rows)));
        Assert.EndsWith($"the first is -Infinity at row 5, slot 0. Only Preprocessing = Quantile (the default) maps an infinite value (to the column's extreme quantile), " +
            $"and this model's is {preprocessing}: set Preprocessing = Quantile, or clip or replace the values before the trainer (e.g. with mlContext.Transforms.CustomMapping), or remove those rows.", message);
    }

    [Fact]
    public void Fit_EmptyData_SaysNoRows()
    {
        var message = Assert.Throws<InvalidOperationException>(() => Binary().Fit(Ml.Data.LoadFromEnumerable(GoodBinaryRows(0)))).Message;
        Assert.Equal("The training data has no rows. Check the loader and any filters (FilterRowsByColumn, FilterRowsByMissingValues) before the trainer.", message);
    }

    [Fact]
    public void Fit_DataAboveMemoryBudget_SuggestsSamplingOrLargerBudget()
    {
        // 12 bytes per row (2 features + label as Single): 1 MiB holds 87,381 rows.
        var options = new RegularizedMlpBinaryTrainer.Options { MemoryBudgetBytes = 1 << 20, BatchSize = 2, Streaming = StreamingMode.Never };
        var message = Error(() => new RegularizedMlpBinaryTrainer(options).Fit(Ml.Data.LoadFromEnumerable(GoodBinaryRows(90_000))));
        Assert.Equal("The training data needs more than 1048584 bytes in memory (87382+ rows × 2 features, as Single), which exceeds MemoryBudgetBytes = 1048576. " +
            "Set Streaming = StreamingMode.Auto (the default) to train from passes over the data, raise MemoryBudgetBytes, or sample the data (mlContext.Data.ShuffleRows then TakeRows).", message);
    }

    [Fact]
    public void Fit_FewerRowsThanClasses_NamesBoth()
    {
        var rows = new[] { new KeyRow { Features = new[] { 1f, 1f }, Label = 1 }, new KeyRow { Features = new[] { 2f, 1f }, Label = 2 } };
        var message = Error(() => Multiclass(batchSize: 1).Fit(Ml.Data.LoadFromEnumerable(rows)));
        Assert.Equal("The training data has 2 rows but label column 'Label' has 3 classes: every class needs training examples. Add rows, or merge rare classes before MapValueToKey.", message);
    }


    [Fact]
    public void Fit_OneBinaryClass_SaysBothNeeded()
    {
        var rows = GoodBinaryRows(4).Select(r => { r.Label = true; return r; });
        var message = Error(() => Binary().Fit(Ml.Data.LoadFromEnumerable(rows)));
        Assert.Equal("Label column 'Label' is true in all 4 training rows: binary classification needs both true and false examples.", message);
    }

    [Fact]
    public void Fit_ClassOnlyInValidation_NamesClassAndSuggestsStratifiedSplit()
    {
        var raw = Enumerable.Range(0, 12).Select(i => new StringLabelRow { Features = new[] { i * 1f, 1f }, Label = i < 4 ? "cat" : i < 8 ? "dog" : "eel", Index = i }).ToList();
        var keyed = Ml.Transforms.Conversion.MapValueToKey("Label").Fit(Ml.Data.LoadFromEnumerable(raw)).Transform(Ml.Data.LoadFromEnumerable(raw));
        var train = Ml.Data.FilterRowsByColumn(keyed, "Index", upperBound: 8); // cat and dog only
        var message = Error(() => Multiclass().Fit(train, keyed));
        Assert.Equal("Label column 'Label' of the validation data contains class 'eel' (key 3), which no training row has. " +
            "Split with mlContext.Data.TrainTestSplit(data, samplingKeyColumnName: \"Label\") so both sides see every class, or remove that class from the validation data.", message);
    }

    [Fact]
    public void Constructor_InvalidOption_UsesEngineValidationMessage()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RegularizedMlpBinaryTrainer(new RegularizedMlpBinaryTrainer.Options { DropoutRate = 1.5 }));
        Assert.StartsWith("Invalid value for option 'DropoutRate': expected a value in [0, 1). Received: 1.5.", ex.Message);
    }

    [Fact]
    public void Constructor_ConflictingOptions_ListsEachProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RegularizedMlpBinaryTrainer(new RegularizedMlpBinaryTrainer.Options { MaxEpochs = 2, WarmupEpochs = 2, ClassWeights = new[] { 1f, 2f, 3f } }));
        Assert.Contains("ClassWeights has 3 entries but the task has 2 classes: give one weight per class.", ex.Message);
        Assert.Contains("WarmupEpochs = 2 must be smaller than MaxEpochs = 2.", ex.Message);
    }

    [Fact]
    public void Constructor_ClassWeightsAndUnbalancedSets_SaysChooseOne()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RegularizedMlpMulticlassTrainer(new RegularizedMlpMulticlassTrainer.Options { ClassWeights = new[] { 1f, 2f }, UnbalancedSets = true }));
        Assert.Equal("Both ClassWeights and UnbalancedSets are set: use ClassWeights for your own weights, or UnbalancedSets = true to derive them from class frequencies, not both.", ex.Message);
    }

    [Fact]
    public void Constructor_EmptyFeatureColumnName_NamesOption()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RegularizedMlpRegressionTrainer(new RegularizedMlpRegressionTrainer.Options { FeatureColumnName = "" }));
        Assert.Equal("Invalid value for option 'FeatureColumnName': expected the name of a known-size vector column of Single. Received: ''.", ex.Message);
    }

    [Fact]
    public void Constructor_OptionsChangedAfterwards_DoNotAffectTrainer()
    {
        var options = new RegularizedMlpBinaryTrainer.Options { FeatureColumnName = "Features" };
        var trainer = new RegularizedMlpBinaryTrainer(options);
        options.FeatureColumnName = "Other";
        var shape = EstimatorContract.ShapeOf<EstimatorContractTests.BinaryShape>();
        Assert.Contains(trainer.GetOutputSchema(shape), c => c.Name == "Probability");
    }
}
