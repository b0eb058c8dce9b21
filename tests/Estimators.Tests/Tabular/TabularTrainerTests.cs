using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Tests.Tabular;

/// <summary>The tabular options through the public ML.NET API: raw features in, Save → Load reproduces the scores.</summary>
[Collection("Sequential")]
public sealed class TabularTrainerTests
{
    /// <summary>Sets Quantile + Periodic + a TabM ensemble on small options.</summary>
    internal static T Tabular<T>(T options, int members = 32) where T : MlpTrainerOptions
    {
        options.Preprocessing = FeaturePreprocessing.Quantile;
        options.NumericEmbedding = NumericEmbeddingKind.Periodic;
        options.EmbeddingDimension = 4;
        options.PeriodicFrequencies = 8;
        options.PeriodicSigma = 0.5;
        options.EnsembleSize = members;
        return options;
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("multiclass")]
    [InlineData("regression")]
    public void Fit_RawFeaturesQuantilePeriodicEnsemble32_SaveLoadReproducesScores(string task)
    {
        var ml = new MLContext(0);
        var concat = ml.Transforms.Concatenate("Features", SyntheticData.Inputs);
        (IDataView data, IEstimator<ITransformer> pipeline) = task switch
        {
            "binary" => (TestModels.BinaryData(ml, 300), concat.Append(ml.BinaryClassification.Trainers.RegularizedMlp(Tabular(TestModels.BinaryOptions())))),
            "multiclass" => (TestModels.MulticlassData(ml, 300), ml.Transforms.Conversion.MapValueToKey("Label").Append(concat)
                .Append(ml.MulticlassClassification.Trainers.RegularizedMlp(Tabular(TestModels.MulticlassOptions())))),
            _ => (TestModels.RegressionData(ml, 300), concat.Append(ml.Regression.Trainers.RegularizedMlp(Tabular(TestModels.RegressionOptions())))),
        };
        var model = pipeline.Fit(data);
        var expected = Scores(model.Transform(data));

        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = ml.Model.Load(stream, out _);
        var actual = Scores(loaded.Transform(data));
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"score {i}: {expected[i]} vs {actual[i]}");
    }

    [Fact]
    public void Fit_EnsembleCalibrateWithTemperature_ProbabilityIsTheMeanOfTemperedMembers()
    {
        var ml = new MLContext(0);
        var data = TestModels.FeaturizedBinary(ml, 300);
        var options = TestModels.BinaryOptions();
        options.EnsembleSize = 4;
        options.CalibrateWithTemperature = true;
        var transformer = ml.BinaryClassification.Trainers.RegularizedMlp(options).Fit(data);
        var snapshot = transformer.Model.Snapshot;
        Assert.NotEqual(1.0, snapshot.Temperature);
        Assert.True(Snapshots.Tabular.EnsembleTemperature.DividesMembers(snapshot));
        var features = data.GetColumn<float[]>("Features").SelectMany(f => f).ToArray();
        // The engine's tests prove that these are mean_i σ(z_i/T); the ML.NET chain must give the same.
        var expected = Inference.SnapshotEvaluator.Probabilities(snapshot, Inference.SnapshotEvaluator.Forward(snapshot, features, 300), 300);
        var actual = transformer.Transform(data).GetColumn<float>("Probability").ToArray();
        for (int i = 0; i < 300; i++)
            Assert.Equal(expected[i], actual[i], 1e-5);
    }

    /// <summary>What the binary PredictionEngine returns.</summary>
    public sealed class BinaryPrediction
    {
        public float Score { get; set; }
        public float Probability { get; set; }
    }

    [Fact]
    public void Fit_ParametricActivationResidualEnsemble_TransformSaveLoadAndPredictionEngineAgree()
    {
        var ml = new MLContext(0);
        var options = TestModels.BinaryOptions();
        options.HiddenLayers = new[] { 16, 16 };
        options.ParametricActivation = true;
        options.EnsembleSize = 4;
        options.Residual = true;
        options.DropPathRate = 0.2;
        options.MaxNorm = 2;
        var data = TestModels.BinaryData(ml, 300);
        var model = ml.Transforms.Concatenate("Features", SyntheticData.Inputs).Append(ml.BinaryClassification.Trainers.RegularizedMlp(options)).Fit(data);
        Assert.Contains(model.LastTransformer.Model.Snapshot.Layers, l => l is Snapshots.Tabular.ParametricActivationLayer { Members: 4 });
        var expected = model.Transform(data).GetColumn<float>("Probability").ToArray();

        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext(1).Model.Load(stream, out _);
        var fromLoaded = loaded.Transform(data).GetColumn<float>("Probability").ToArray();
        var engine = ml.Model.CreatePredictionEngine<SyntheticData.BinaryRow, BinaryPrediction>(model);
        var rows = ml.Data.CreateEnumerable<SyntheticData.BinaryRow>(data, reuseRowObject: false).ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], fromLoaded[i], 1e-5);
            Assert.Equal(expected[i], engine.Predict(rows[i]).Probability, 1e-5);
        }
    }

    [Fact]
    public void Preprocessing_RawSkewedColumns_ReachesTheAucOfNormalizedInput()
    {
        var ml = new MLContext(0);
        var train = ml.Data.LoadFromEnumerable(SkewedRows(1500, seed: 1));
        var test = ml.Data.LoadFromEnumerable(SkewedRows(1000, seed: 2));
        string[] inputs = { "A", "B", "C", "D" };
        var options = TestModels.BinaryOptions();
        options.Preprocessing = FeaturePreprocessing.Quantile;
        var raw = ml.Transforms.Concatenate("Features", inputs).Append(ml.BinaryClassification.Trainers.RegularizedMlp(options)).Fit(train);
        var normalized = ml.Transforms.Concatenate("Features", inputs).Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.BinaryClassification.Trainers.RegularizedMlp(options)).Fit(train);
        double aucRaw = ml.BinaryClassification.Evaluate(raw.Transform(test)).AreaUnderRocCurve;
        double aucNormalized = ml.BinaryClassification.Evaluate(normalized.Transform(test)).AreaUnderRocCurve;
        Assert.True(aucRaw > 0.85, $"AUC on raw features {aucRaw}");
        Assert.True(aucRaw >= aucNormalized - 0.01, $"AUC raw {aucRaw} vs normalized {aucNormalized}");
    }

    /// <summary>Columns exp(z)·10^j with very different scales; the label depends on z through a threshold and a product.</summary>
    private static IEnumerable<SyntheticData.BinaryRow> SkewedRows(int n, int seed)
    {
        var rng = new Random(seed);
        double G() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        for (int i = 0; i < n; i++)
        {
            double a = G(), b = G(), c = G(), d = G();
            yield return new SyntheticData.BinaryRow
            {
                A = (float)Math.Exp(a), B = (float)(Math.Exp(b) * 1000), C = (float)(Math.Exp(c) * 1e-3), D = (float)(d * 50 + 7),
                Label = a + 0.8 * b - 0.6 * c * d > 0,
            };
        }
    }

    private static float[] Scores(IDataView scored) =>
        scored.Schema["Score"].Type is VectorDataViewType
            ? scored.GetColumn<float[]>("Score").SelectMany(s => s).ToArray()
            : scored.GetColumn<float>("Score").ToArray();
}
