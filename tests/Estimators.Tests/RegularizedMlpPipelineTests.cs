using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>Each task trains inside an ordinary ML.NET pipeline and goes through the matching evaluator.</summary>
[Collection("Sequential")]
public sealed class RegularizedMlpPipelineTests
{
    [Fact]
    public void BinaryPipeline_FitAndEvaluate_LearnsSignal()
    {
        var ml = new MLContext(0);
        var split = ml.Data.TrainTestSplit(TestModels.BinaryData(ml), testFraction: 0.25, seed: 1);
        var model = TestModels.BinaryPipeline(ml).Fit(split.TrainSet);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
        Assert.True(metrics.AreaUnderRocCurve > 0.9, $"AUC {metrics.AreaUnderRocCurve}");
        Assert.True(metrics.Accuracy > 0.8, $"accuracy {metrics.Accuracy}");
    }

    [Fact]
    public void MulticlassPipeline_FitAndEvaluate_LearnsSignal()
    {
        var ml = new MLContext(0);
        var split = ml.Data.TrainTestSplit(TestModels.MulticlassData(ml), testFraction: 0.25, seed: 1);
        var model = TestModels.MulticlassPipeline(ml).Fit(split.TrainSet);
        var scored = model.Transform(split.TestSet);
        var metrics = ml.MulticlassClassification.Evaluate(scored);
        Assert.True(metrics.MacroAccuracy > 0.6, $"macro accuracy {metrics.MacroAccuracy}");
        var predicted = ml.Transforms.Conversion.MapKeyToValue("PredictedLabelText", "PredictedLabel").Fit(scored).Transform(scored)
            .GetColumn<string>("PredictedLabelText").Distinct().ToHashSet();
        Assert.Subset(new HashSet<string> { "low", "mid", "high" }, predicted);
    }

    [Fact]
    public void RegressionPipeline_FitAndEvaluate_LearnsSignal()
    {
        var ml = new MLContext(0);
        var split = ml.Data.TrainTestSplit(TestModels.RegressionData(ml), testFraction: 0.25, seed: 1);
        var model = TestModels.RegressionPipeline(ml).Fit(split.TrainSet);
        var metrics = ml.Regression.Evaluate(model.Transform(split.TestSet));
        Assert.True(metrics.RSquared > 0.7, $"R² {metrics.RSquared}");
    }

    [Fact]
    public void CrossValidate_ThreeFolds_RunsForEveryTask()
    {
        var ml = new MLContext(0);
        var binary = ml.BinaryClassification.CrossValidate(TestModels.BinaryData(ml, 240), TestModels.BinaryPipeline(ml), numberOfFolds: 3);
        Assert.Equal(3, binary.Count);
        Assert.All(binary, r => Assert.True(r.Metrics.AreaUnderRocCurve > 0.8));
        var multi = ml.MulticlassClassification.CrossValidate(TestModels.MulticlassData(ml, 240), TestModels.MulticlassPipeline(ml), numberOfFolds: 3);
        Assert.Equal(3, multi.Count);
        var regression = ml.Regression.CrossValidate(TestModels.RegressionData(ml, 240), TestModels.RegressionPipeline(ml), numberOfFolds: 3);
        Assert.Equal(3, regression.Count);
    }

    [Fact]
    public void PermutationFeatureImportance_OnFittedTransformer_RanksInformativeFeatureFirst()
    {
        var ml = new MLContext(0);
        var data = TestModels.FeaturizedBinary(ml);
        var transformer = ml.BinaryClassification.Trainers.RegularizedMlp(TestModels.BinaryOptions()).Fit(data);
        var importance = ml.BinaryClassification.PermutationFeatureImportance(transformer, data, permutationCount: 1);
        var drops = importance.Select(m => m.AreaUnderRocCurve.Mean).ToArray();
        Assert.Equal(0, Array.IndexOf(drops, drops.Min())); // feature A: the largest AUC drop
    }

    [Fact]
    public void Fit_SameSeedTwice_GivesIdenticalScores()
    {
        var ml = new MLContext(0);
        var binary = TestModels.BinaryData(ml, 200);
        Assert.Equal(TestModels.BinaryPipeline(ml, seed: 7).Fit(binary).Transform(binary).GetColumn<float>("Score").ToArray(),
            TestModels.BinaryPipeline(ml, seed: 7).Fit(binary).Transform(binary).GetColumn<float>("Score").ToArray());
        var multiclass = TestModels.MulticlassData(ml, 200);
        Assert.Equal(TestModels.MulticlassPipeline(ml, seed: 7).Fit(multiclass).Transform(multiclass).GetColumn<float[]>("Score").SelectMany(s => s).ToArray(),
            TestModels.MulticlassPipeline(ml, seed: 7).Fit(multiclass).Transform(multiclass).GetColumn<float[]>("Score").SelectMany(s => s).ToArray());
        var regression = TestModels.RegressionData(ml, 200);
        Assert.Equal(TestModels.RegressionPipeline(ml, seed: 7).Fit(regression).Transform(regression).GetColumn<float>("Score").ToArray(),
            TestModels.RegressionPipeline(ml, seed: 7).Fit(regression).Transform(regression).GetColumn<float>("Score").ToArray());
    }

    [Fact]
    public void Fit_CalibrateWithTemperature_ProbabilityUsesFittedTemperature()
    {
        var ml = new MLContext(0);
        var data = TestModels.FeaturizedBinary(ml, 300);
        var options = TestModels.BinaryOptions();
        options.CalibrateWithTemperature = true;
        var transformer = ml.BinaryClassification.Trainers.RegularizedMlp(options).Fit(data);
        var snapshot = transformer.Model.Snapshot;
        Assert.NotEqual(1.0, snapshot.Temperature);
        var features = data.GetColumn<float[]>("Features").SelectMany(f => f).ToArray();
        var expected = Inference.SnapshotEvaluator.Sigmoid(Inference.SnapshotEvaluator.Forward(snapshot, features, 300), snapshot.Temperature);
        var actual = transformer.Transform(data).GetColumn<float>("Probability").ToArray();
        for (int i = 0; i < 300; i++)
            Assert.Equal(expected[i], actual[i], 1e-5);
    }

    [Fact]
    public void Fit_UnbalancedSets_PassesInverseFrequencyClassWeights()
    {
        var ml = new MLContext(0);
        var rows = SyntheticData.Binary(200, 31).Select((r, i) => { r.Label = i % 4 == 0; return r; }).ToList(); // 50 true, 150 false
        var data = SyntheticData.Featurize(ml).Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));
        var options = TestModels.BinaryOptions();
        options.MaxEpochs = 2;
        options.UnbalancedSets = true;
        var probe = new OptionsProbe();
        options.Callbacks.Add(probe);
        ml.BinaryClassification.Trainers.RegularizedMlp(options).Fit(data);
        Assert.Equal(new[] { 200f / (2 * 150), 200f / (2 * 50) }, probe.ClassWeights);
    }

    [Fact]
    public void Fit_WithValidationSet_MonitorsThatSet()
    {
        var ml = new MLContext(0);
        var train = TestModels.FeaturizedBinary(ml, 200, seed: 21);
        var validation = TestModels.FeaturizedBinary(ml, 64, seed: 22);
        var options = TestModels.BinaryOptions();
        options.MaxEpochs = 3;
        options.ValidationFraction = 0.5; // would hold out 100 rows if the given set were ignored
        var progress = new List<EpochMetrics>();
        options.Progress = new SynchronousProgress(progress.Add);
        var contexts = new RowCountProbe();
        options.Callbacks.Add(contexts);
        var transformer = ml.BinaryClassification.Trainers.RegularizedMlp(options).Fit(train, validation);

        Assert.Equal((200, 64), (contexts.TrainRows, contexts.ValidRows));
        Assert.Equal(3, progress.Count);
        Assert.All(progress, m => Assert.NotNull(m.ValidLoss));
        Assert.Equal(3, transformer.Model.History.Count);
        Assert.Equal(new[] { 4, 16, 1 }, transformer.Model.LayerSizes);
    }

    /// <summary>IProgress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<EpochMetrics> report) : IProgress<EpochMetrics>
    {
        public void Report(EpochMetrics value) => report(value);
    }

    private sealed class OptionsProbe : ITrainingCallback
    {
        public float[]? ClassWeights { get; private set; }
        public void OnTrainBegin(TrainingContext context) => ClassWeights = ((MlpClassificationOptions)context.Options).ClassWeights;
    }

    private sealed class RowCountProbe : ITrainingCallback
    {
        public int TrainRows { get; private set; }
        public int ValidRows { get; private set; }
        public void OnTrainBegin(TrainingContext context) => (TrainRows, ValidRows) = (context.TrainRows, context.ValidRows);
    }
}
