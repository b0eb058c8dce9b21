using System.Collections;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>
/// The ML.NET trainers' options are the engine settings plus the ML.NET-only ones: each default comes from
/// <see cref="Defaults"/>, the catalog's simple overloads build the same options, and a trainer keeps its own copy.
/// </summary>
public sealed class TrainerOptionsTests
{
    /// <summary>Options whose null means "by rule" (the rule's constant is in <see cref="Defaults"/>).</summary>
    private static readonly HashSet<string> NullByRule = new() { nameof(MlpTrainerOptions.WarmupEpochs), nameof(MlpTrainerOptions.NumberOfThreads),
        nameof(MlpTrainerOptions.FrontScale), nameof(MlpTrainerOptions.PiecewiseLinearBinning) }; // null = by rule (front scale with an embedding; bins by task)

    public static TheoryData<object> FreshOptions => new()
    {
        new RegularizedMlpBinaryTrainer.Options(),
        new RegularizedMlpMulticlassTrainer.Options(),
        new RegularizedMlpRegressionTrainer.Options(),
    };

    [Theory]
    [MemberData(nameof(FreshOptions))]
    public void NewOptions_EveryPropertyNamedInDefaults_StartsAtThatDefault(object options)
    {
        int compared = 0;
        var defaults = typeof(Defaults).GetMembers(BindingFlags.Public | BindingFlags.Static).Where(m => m is FieldInfo or PropertyInfo);
        foreach (var member in defaults)
        {
            var property = options.GetType().GetProperty(member.Name, BindingFlags.Public | BindingFlags.Instance);
            if (property is null) continue;
            object? expected = member is FieldInfo f ? f.GetValue(null) : ((PropertyInfo)member).GetValue(null);
            object? actual = property.GetValue(options);
            if (actual is null && NullByRule.Contains(member.Name)) continue;
            if (expected is IEnumerable list && expected is not string)
                Assert.Equal(list.Cast<object>(), Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object>());
            else
                Assert.True(Equals(expected, actual), $"{options.GetType().FullName}.{member.Name} starts at {actual ?? "null"}, Defaults.{member.Name} is {expected}");
            compared++;
        }
        Assert.True(compared >= 25, $"only {compared} options matched a default by name");
        var engine = (MlpTrainerOptions)options;
        Assert.Null(engine.BatchSize); // by rule: min(Defaults.MaxBatchSize, training rows)
    }

    [Fact]
    public void SimpleOverload_BuildsTheSameTrainerAsOptionsWithThoseValues()
    {
        var ml = new MLContext(0);
        var data = TestModels.FeaturizedBinary(ml, 120);
        var simple = ml.BinaryClassification.Trainers.RegularizedMlp(hiddenLayers: new[] { 8 }, dropoutRate: 0.2, weightDecay: 0.02, learningRate: 0.01, maxEpochs: 3, batchSize: 16, seed: 4);
        var options = ml.BinaryClassification.Trainers.RegularizedMlp(new RegularizedMlpBinaryTrainer.Options
        {
            HiddenLayers = new[] { 8 }, DropoutRate = 0.2, WeightDecay = 0.02, LearningRate = 0.01, MaxEpochs = 3, BatchSize = 16, Seed = 4,
        });
        var a = simple.Fit(data).Model;
        var b = options.Fit(data).Model;
        Assert.Equal(16, a.Settings!.BatchSize);
        Assert.Equal(3, a.History.Count);
        Assert.Equal(a.History.Select(h => h.TrainLoss), b.History.Select(h => h.TrainLoss));
    }

    [Fact]
    public void Constructor_OptionsChangedAfterwards_TrainerUsesItsCopy()
    {
        var ml = new MLContext(0);
        var options = TestModels.BinaryOptions();
        options.MaxEpochs = 2;
        options.ClassWeights = new[] { 1f, 1f };
        var trainer = new RegularizedMlpBinaryTrainer(options);
        options.MaxEpochs = 40;
        options.ClassWeights[0] = -5f; // would be refused by the setter; the trainer must not see it either
        options.Callbacks.Add(new ThrowingCallback());
        options.FeatureColumnName = "Other";

        var model = trainer.Fit(TestModels.FeaturizedBinary(ml, 120)).Model;
        Assert.Equal(2, model.History.Count);
    }

    [Theory]
    [InlineData(TaskKind.BinaryClassification)]
    [InlineData(TaskKind.Regression)] // the other ML.NET options base: its generated ML.NET-only setters refuse too
    public void Fit_OptionsACallbackSees_EveryPublicSetterRefuses_MlNetOnesToo(TaskKind task)
    {
        var ml = new MLContext(0);
        bool regression = task == TaskKind.Regression;
        MlpTrainerOptions options = regression ? TestModels.RegressionOptions() : TestModels.BinaryOptions();
        options.MaxEpochs = 2;
        var capture = new CapturingCallback();
        options.Callbacks.Add(capture);
        var data = regression ? TestModels.RegressionData(ml, 120) : TestModels.BinaryData(ml, 120);
        var featurized = SyntheticData.Featurize(ml).Fit(data).Transform(data);
        IEstimator<RegularizedMlpPredictionTransformer> trainer = regression
            ? new RegularizedMlpRegressionTrainer((RegularizedMlpRegressionTrainer.Options)options)
            : new RegularizedMlpBinaryTrainer((RegularizedMlpBinaryTrainer.Options)options);
        trainer.Fit(featurized);
        var seen = capture.Options!;
        Assert.IsType(options.GetType(), seen);
        Assert.Equal(((IRegularizedMlpDataOptions)options).LabelColumnName, ((IRegularizedMlpDataOptions)seen).LabelColumnName);
        foreach (var property in options.GetType().GetProperties().Where(p => p.SetMethod is { IsPublic: true }))
        {
            var e = Assert.Throws<TargetInvocationException>(() => property.SetValue(seen, property.GetValue(seen)));
            Assert.Contains($"'{property.Name}'", Assert.IsType<InvalidOperationException>(e.InnerException).Message);
        }
    }

    /// <summary>The task's synthetic data, featurized (multiclass labels as keys), and a fit of the ML.NET trainer for that task with options the caller set.</summary>
    private static RegularizedMlpModelParameters FitTask(TaskKind task, Action<MlpTrainerOptions> configure)
    {
        var ml = new MLContext(0);
        var (data, featurizer, options) = task switch
        {
            TaskKind.Regression => (TestModels.RegressionData(ml, 200), SyntheticData.Featurize(ml), (MlpTrainerOptions)TestModels.RegressionOptions()),
            TaskKind.BinaryClassification => (TestModels.BinaryData(ml, 200), SyntheticData.Featurize(ml), TestModels.BinaryOptions()),
            _ => (TestModels.MulticlassData(ml), ml.Transforms.Conversion.MapValueToKey("Label").Append(SyntheticData.Featurize(ml)), TestModels.MulticlassOptions()),
        };
        var featurized = featurizer.Fit(data).Transform(data);
        configure(options);
        IEstimator<RegularizedMlpPredictionTransformer> trainer = options switch
        {
            RegularizedMlpRegressionTrainer.Options regression => ml.Regression.Trainers.RegularizedMlp(regression),
            RegularizedMlpBinaryTrainer.Options binary => ml.BinaryClassification.Trainers.RegularizedMlp(binary),
            _ => ml.MulticlassClassification.Trainers.RegularizedMlp((RegularizedMlpMulticlassTrainer.Options)options),
        };
        return trainer.Fit(featurized).Model;
    }

    [Theory]
    [InlineData(TaskKind.BinaryClassification)]
    [InlineData(TaskKind.Regression)] // the other ML.NET options base
    public void Fit_WeightAveragingDecay_ReachesTheEngine_ValidatesTheAverageAndTrainsTheSame(TaskKind task)
    {
        (IReadOnlyList<Microsoft.ML.Dropout.Training.EpochMetrics> History, double? Seen) Train(double? decay)
        {
            var capture = new CapturingCallback();
            var model = FitTask(task, options =>
            {
                options.MaxEpochs = 2;
                options.WeightAveragingDecay = decay;
                options.Callbacks.Add(capture);
            });
            return (model.History, capture.Options!.WeightAveragingDecay);
        }

        var averaged = Train(0.9);
        var plain = Train(null);
        Assert.Equal((double?)0.9, averaged.Seen);
        Assert.Equal(plain.History[0].TrainLoss, averaged.History[0].TrainLoss); // the first epoch trains the live weights alike
        Assert.NotEqual(plain.History[0].ValidLoss, averaged.History[0].ValidLoss); // but validates the average
    }

    [Theory]
    [InlineData(TaskKind.MulticlassClassification)]
    [InlineData(TaskKind.Regression)] // the other ML.NET options base
    public void Fit_RefitOnAllRows_ReachesTheEngine_TheModelIsTheRefit(TaskKind task)
    {
        RegularizedMlpModelParameters Train(bool refit) => FitTask(task, options =>
        {
            options.MaxEpochs = 3;
            options.RefitOnAllRows = refit;
        });

        var refit = Train(true);
        var plain = Train(false);
        Assert.Null(plain.RefitEpochs);
        Assert.Equal(plain.BestEpoch, refit.RefitEpochs);
        Assert.Equal(plain.History.Select(h => h.ValidLoss), refit.History.Select(h => h.ValidLoss)); // the same first run
        var weights = (RegularizedMlpModelParameters m) => m.Snapshot.Layers.OfType<Microsoft.ML.Dropout.Snapshots.DenseLayer>().SelectMany(d => d.Weight).ToArray();
        Assert.NotEqual(weights(plain), weights(refit));
    }

    private sealed class CapturingCallback : ITrainingCallback
    {
        public MlpTrainerOptions? Options { get; private set; }

        public void OnTrainBegin(TrainingContext context) => Options = context.Options;
    }

    private sealed class ThrowingCallback : ITrainingCallback
    {
        public void OnTrainBegin(TrainingContext context) => throw new InvalidOperationException("a callback added after construction ran");
    }
}
