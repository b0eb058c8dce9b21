using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>
/// Model.Save/Load, PredictionEngine and the batched path agree with Transform; the saved chain is made of ML.NET
/// types only. Uses untrained random networks, so no TorchSharp is involved.
/// </summary>
public sealed class PersistenceTests
{
    public sealed class Input
    {
        public float A { get; set; }
        public float B { get; set; }
        public float C { get; set; }
        public float D { get; set; }
    }

    public sealed class BinaryOutput
    {
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    public sealed class MulticlassOutput
    {
        public float[] Score { get; set; } = [];
        public uint PredictedLabel { get; set; }
    }

    public sealed class RegressionOutput
    {
        public float Score { get; set; }
    }

    private static (ITransformer Model, RegularizedMlpPredictionTransformer Mlp, IDataView Raw) Fitted(MLContext ml, TaskKind task)
    {
        var raw = task switch
        {
            TaskKind.BinaryClassification => TestModels.BinaryData(ml, 60),
            TaskKind.MulticlassClassification => TestModels.MulticlassData(ml, 60),
            _ => TestModels.RegressionData(ml, 60),
        };
        var prep = task == TaskKind.MulticlassClassification
            ? ml.Transforms.Conversion.MapValueToKey("Label").Append(SyntheticData.Featurize(ml))
            : SyntheticData.Featurize(ml);
        var fittedPrep = prep.Fit(raw);
        var featurized = fittedPrep.Transform(raw);
        var mlp = UntrainedTransformer.Create(ml, featurized, task, task == TaskKind.MulticlassClassification ? 3 : 1);
        return (new TransformerChain<ITransformer>(fittedPrep, mlp), mlp, raw);
    }

    private static float[] Scores(IDataView scored) =>
        scored.Schema["Score"].Type is VectorDataViewType
            ? scored.GetColumn<float[]>("Score").SelectMany(s => s).ToArray()
            : scored.GetColumn<float>("Score").ToArray();

    private static ITransformer SaveAndLoadInNewContext(ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        new MLContext(1).Model.Save(model, schema, stream);
        stream.Position = 0;
        return new MLContext(2).Model.Load(stream, out _);
    }

    [Theory]
    [InlineData(TaskKind.BinaryClassification)]
    [InlineData(TaskKind.MulticlassClassification)]
    [InlineData(TaskKind.Regression)]
    public void SaveLoad_NewContext_GivesIdenticalScores(TaskKind task)
    {
        var ml = new MLContext(0);
        var (model, _, raw) = Fitted(ml, task);
        var before = Scores(model.Transform(raw));
        var loaded = SaveAndLoadInNewContext(model, raw.Schema);
        var after = Scores(loaded.Transform(raw));
        Assert.Equal(before.Length, after.Length);
        for (int i = 0; i < before.Length; i++)
            Assert.True(Math.Abs(before[i] - after[i]) <= 1e-5, $"value {i}: {before[i]} vs {after[i]}");
        Assert.Equal(model.GetOutputSchema(raw.Schema).Select(c => (c.Name, c.Type.ToString())),
            loaded.GetOutputSchema(raw.Schema).Select(c => (c.Name, c.Type.ToString())));
    }

    [Fact]
    public void SaveLoad_LoadedChain_ContainsOnlyMlNetTypes()
    {
        var ml = new MLContext(0);
        var (model, _, raw) = Fitted(ml, TaskKind.BinaryClassification);
        var loaded = SaveAndLoadInNewContext(model, raw.Schema);
        var types = TestModels.Flatten(loaded).Select(t => t.GetType()).ToList();
        Assert.NotEmpty(types);
        Assert.All(types, t => Assert.StartsWith("Microsoft.ML.", t.Assembly.GetName().Name));
        Assert.DoesNotContain(types, t => t.Assembly == typeof(RegularizedMlpPredictionTransformer).Assembly);
        Assert.DoesNotContain(types, t => t.Assembly.GetName().Name!.StartsWith("Microsoft.ML.Dropout"));
    }

    [Fact]
    public void PredictionEngine_BeforeAndAfterLoad_AgreesWithTransform()
    {
        var ml = new MLContext(0);
        var (model, _, raw) = Fitted(ml, TaskKind.BinaryClassification);
        var expected = model.Transform(raw).GetColumn<float>("Probability").ToArray();
        var inputs = ml.Data.CreateEnumerable<Input>(raw, reuseRowObject: false).ToArray();
        var engine = ml.Model.CreatePredictionEngine<Input, BinaryOutput>(model);
        var loadedEngine = new MLContext(3).Model.CreatePredictionEngine<Input, BinaryOutput>(SaveAndLoadInNewContext(model, raw.Schema));
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(expected[i], engine.Predict(inputs[i]).Probability, 1e-6);
            Assert.Equal(expected[i], loadedEngine.Predict(inputs[i]).Probability, 1e-6);
        }
    }

    [Fact]
    public void PredictionEngine_Multiclass_ReturnsProbabilitiesAndKey()
    {
        var ml = new MLContext(0);
        var (model, _, raw) = Fitted(ml, TaskKind.MulticlassClassification);
        var scores = model.Transform(raw).GetColumn<float[]>("Score").ToArray();
        var inputs = ml.Data.CreateEnumerable<SyntheticData.MulticlassRow>(raw, reuseRowObject: false).ToArray();
        var engine = ml.Model.CreatePredictionEngine<SyntheticData.MulticlassRow, MulticlassOutput>(SaveAndLoadInNewContext(model, raw.Schema));
        for (int i = 0; i < inputs.Length; i++)
        {
            var p = engine.Predict(inputs[i]);
            Assert.Equal(scores[i], p.Score, new FloatTolerance(1e-6f));
            Assert.Equal((uint)Array.IndexOf(scores[i], scores[i].Max()) + 1, p.PredictedLabel);
        }
    }

    [Theory]
    [InlineData(TaskKind.BinaryClassification)]
    [InlineData(TaskKind.MulticlassClassification)]
    [InlineData(TaskKind.Regression)]
    public void PredictBatch_MatchesTransform(TaskKind task)
    {
        var ml = new MLContext(0);
        var (model, mlp, raw) = Fitted(ml, task);
        var scored = model.Transform(raw);
        var expected = task switch
        {
            TaskKind.BinaryClassification => scored.GetColumn<float>("Probability").ToArray(),
            _ => Scores(scored),
        };
        using var parameters = mlp.Model;
        var batch = parameters.PredictBatch(scored, "Features");
        Assert.Equal(expected.Length, batch.Length);
        for (int i = 0; i < batch.Length; i++)
            Assert.True(Math.Abs(expected[i] - batch[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])), $"value {i}: {expected[i]} vs {batch[i]}");
    }

    [Fact]
    public void PredictBatch_MoreRowsThanOneBatch_MatchesManagedForward()
    {
        var ml = new MLContext(0);
        var featurized = TestModels.FeaturizedBinary(ml, 20);
        var transformer = UntrainedTransformer.Create(ml, featurized, TaskKind.BinaryClassification, 1);
        var random = new Random(4);
        int n = RegularizedMlpModelParameters.BatchRows + 123;
        var features = Enumerable.Range(0, n * 4).Select(_ => (float)random.NextDouble()).ToArray();
        using var model = transformer.Model;
        var batch = model.PredictBatch(features, n);
        var expected = SnapshotEvaluator.Sigmoid(SnapshotEvaluator.Forward(model.Snapshot, features, n), model.Snapshot.Temperature);
        Assert.Equal(n, batch.Length);
        for (int i = 0; i < n; i++)
            Assert.True(Math.Abs(expected[i] - batch[i]) <= 1e-5, $"row {i}: {expected[i]} vs {batch[i]}");
    }

    [Fact]
    public void ExportOnnx_WritesModelBytes()
    {
        var ml = new MLContext(0);
        var (_, mlp, _) = Fitted(ml, TaskKind.BinaryClassification);
        using var stream = new MemoryStream();
        mlp.Model.ExportOnnx(stream);
        Assert.True(stream.Length > 100);
        Assert.Equal(new[] { 4, 8, 1 }, mlp.Model.LayerSizes);
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
