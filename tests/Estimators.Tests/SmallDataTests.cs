using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>
/// Small data just works with default options: the batch size follows the rows, a default warm-up fits a short
/// run, and the defaults still learn (ML.NET's iris-sized and sentiment-sized sets, and Preview's 100 rows).
/// </summary>
[Collection("Sequential")]
public sealed class SmallDataTests
{
    public sealed class IrisLikeRow
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
        public int Fold { get; set; }
    }

    /// <summary>
    /// 50 rows per class of four Gaussian measurements with iris's class means and spreads (sepal length/width,
    /// petal length/width); <see cref="IrisLikeRow.Fold"/> numbers the rows of each class 0–4 for stratified folds.
    /// </summary>
    private static List<IrisLikeRow> IrisLike(int seed)
    {
        var means = new[] { new[] { 5.01, 3.43, 1.46, 0.25 }, new[] { 5.94, 2.77, 4.26, 1.33 }, new[] { 6.59, 2.97, 5.55, 2.03 } };
        var spreads = new[] { new[] { 0.35, 0.38, 0.17, 0.11 }, new[] { 0.52, 0.31, 0.47, 0.20 }, new[] { 0.64, 0.32, 0.55, 0.27 } };
        string[] names = { "setosa", "versicolor", "virginica" };
        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var rows = new List<IrisLikeRow>();
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < 50; i++)
                rows.Add(new IrisLikeRow { Features = Enumerable.Range(0, 4).Select(f => (float)(means[c][f] + spreads[c][f] * Gaussian())).ToArray(), Label = names[c], Fold = i % 5 });
        return rows.OrderBy(_ => random.Next()).ToList();
    }

    private static IEstimator<ITransformer> Multiclass(MLContext ml, RegularizedMlpMulticlassTrainer trainer) =>
        ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.Transforms.NormalizeMeanVariance("Features")).Append(trainer);

    [Fact]
    public void Fit_ExplicitBatchSizeAboveTrainingRows_CapsBatchAtRowsAndWarns()
    {
        // Replaces InputErrorTests.Fit_FewerRowsThanBatchSize_SuggestsBatchSize: 10 rows with BatchSize = 256 used to be refused.
        var ml = new MLContext(0);
        var rows = TestModels.BinaryData(ml, rows: 10);
        var trainer = ml.BinaryClassification.Trainers.RegularizedMlp(new RegularizedMlpBinaryTrainer.Options { BatchSize = 256, MaxEpochs = 2, HiddenLayers = new[] { 8 } });
        var model = SyntheticData.Featurize(ml).Append(trainer).Fit(rows).LastTransformer.Model;

        var settings = Assert.IsType<Training.ResolvedSettings>(model.Settings);
        Assert.Equal(settings.TrainingRows, settings.BatchSize);
        Assert.True(settings.TrainingRows is > 0 and < 10, $"the validation split takes some of the 10 rows; {settings.TrainingRows} left");
        Assert.Contains(model.Warnings, w => w.StartsWith($"BatchSize = 256 is more than the {settings.TrainingRows} training rows"));
        Assert.Contains(model.Warnings, w => w.StartsWith($"The validation part has only {settings.ValidationRows} rows"));
    }

    [Fact]
    public void Fit_SimpleOverloadWithTwoEpochs_ClampsDefaultWarmup()
    {
        var ml = new MLContext(0);
        var trainer = ml.Regression.Trainers.RegularizedMlp(maxEpochs: 2, batchSize: 16, hiddenLayers: new[] { 8 });
        var model = SyntheticData.Featurize(ml).Append(trainer).Fit(TestModels.RegressionData(ml, rows: 60)).LastTransformer.Model;
        Assert.Equal(1, model.Settings!.WarmupEpochs);
        Assert.Equal(16, model.Settings.BatchSize);
        Assert.Equal(2, model.History.Count);
    }

    [Fact]
    public void Preview_DefaultOptionsOn100Rows_ScoresEveryRow()
    {
        var ml = new MLContext(0);
        var data = TestModels.BinaryData(ml, rows: 100);
        var preview = SyntheticData.Featurize(ml).Append(ml.BinaryClassification.Trainers.RegularizedMlp()).Preview(data, maxRows: 100);
        Assert.Equal(100, preview.RowView.Length);
        Assert.Contains(preview.Schema, c => c.Name == "Probability");
    }

    [Fact]
    public void Fit_DefaultOptions_150RowThreeClassAnd250RowBinarySetsLearn()
    {
        var ml = new MLContext(0);
        var irisLike = ml.Data.LoadFromEnumerable(IrisLike(seed: 7));
        var multiclass = Multiclass(ml, ml.MulticlassClassification.Trainers.RegularizedMlp()).Fit(irisLike);
        var accuracy = ml.MulticlassClassification.Evaluate(multiclass.Transform(irisLike)).MicroAccuracy;
        Assert.True(accuracy > 0.9, $"training accuracy on 150 iris-like rows: {accuracy:0.000}");

        var binaryRows = TestModels.BinaryData(ml, rows: 250);
        var binary = SyntheticData.Featurize(ml).Append(ml.BinaryClassification.Trainers.RegularizedMlp()).Fit(binaryRows);
        var auc = ml.BinaryClassification.Evaluate(binary.Transform(binaryRows)).AreaUnderRocCurve;
        Assert.True(auc > 0.9, $"training AUC on 250 rows: {auc:0.000}");
    }

    [Fact]
    public void CrossValidate_IrisLikeStratifiedFiveFoldsWithDefaults_ReachesIrisAccuracy()
    {
        var ml = new MLContext(0);
        var rows = IrisLike(seed: 11);
        var accuracies = new List<double>();
        for (int fold = 0; fold < 5; fold++)
        {
            var train = ml.Data.LoadFromEnumerable(rows.Where(r => r.Fold != fold).ToList());
            var test = ml.Data.LoadFromEnumerable(rows.Where(r => r.Fold == fold).ToList());
            var model = Multiclass(ml, ml.MulticlassClassification.Trainers.RegularizedMlp()).Fit(train);
            accuracies.Add(ml.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy);
        }
        Assert.True(accuracies.Average() >= 0.93, $"mean accuracy {accuracies.Average():0.000} over folds [{string.Join(", ", accuracies.Select(a => a.ToString("0.000")))}]");
    }
}
