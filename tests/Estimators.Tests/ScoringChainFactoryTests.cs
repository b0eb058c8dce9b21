using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Dropout.Export;
using Microsoft.ML.Dropout.Inference;
using Microsoft.ML.Dropout.Training;

namespace Microsoft.ML.Dropout.Estimators.Tests;

/// <summary>The ONNX + linear-head chain reproduces the network exactly, with built-in column types, and round-trips through Model.Save/Load.</summary>
public sealed class ScoringChainFactoryTests
{
    private static (IDataView Data, float[] Features, int Rows) Features(MLContext ml, int rows)
    {
        var data = SyntheticData.Featurize(ml).Fit(ml.Data.LoadFromEnumerable(SyntheticData.Binary(rows, 3))).Transform(ml.Data.LoadFromEnumerable(SyntheticData.Binary(rows, 3)));
        var features = data.GetColumn<float[]>("Features").SelectMany(f => f).ToArray();
        return (data, features, rows);
    }

    [Fact]
    public void Build_Binary_ScoreIsLogitOverTemperatureAndProbabilityIsSigmoid()
    {
        var ml = new MLContext(1);
        var (data, features, rows) = Features(ml, 50);
        var snapshot = SyntheticData.RandomSnapshot(TaskKind.BinaryClassification, 4, 1, seed: 5, temperature: 1.5);
        var chain = ScoringChainFactory.Build(snapshot, "Features", data, data.Schema["Label"], 0).Chain;

        var scored = chain.Transform(data);
        Assert.Equal(NumberDataViewType.Single, scored.Schema["Score"].Type);
        Assert.Equal(NumberDataViewType.Single, scored.Schema["Probability"].Type);
        Assert.Equal(BooleanDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
        Assert.Null(scored.Schema.GetColumnOrNull(ScoringChainFactory.HeadColumn));

        var logits = SnapshotEvaluator.Forward(snapshot, features, rows);
        var expectedP = SnapshotEvaluator.Sigmoid(logits, 1.5);
        var score = scored.GetColumn<float>("Score").ToArray();
        var p = scored.GetColumn<float>("Probability").ToArray();
        var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
        for (int i = 0; i < rows; i++)
        {
            Assert.Equal(logits[i] / 1.5, score[i], 1e-5);
            Assert.Equal(expectedP[i], p[i], 1e-6);
            Assert.Equal(logits[i] > 0, predicted[i]);
        }
    }

    [Fact]
    public void Build_Regression_ScoreIsInLabelUnits()
    {
        var ml = new MLContext(1);
        var (data, features, rows) = Features(ml, 50);
        var snapshot = SyntheticData.RandomSnapshot(TaskKind.Regression, 4, 1, seed: 6, scale: 3.5, shift: 12);
        var chain = ScoringChainFactory.Build(snapshot, "Features", data, data.Schema["Label"], 0).Chain;

        var scored = chain.Transform(data);
        Assert.Equal(NumberDataViewType.Single, scored.Schema["Score"].Type);
        var expected = SnapshotEvaluator.ToLabelUnits(snapshot, SnapshotEvaluator.Forward(snapshot, features, rows));
        var score = scored.GetColumn<float>("Score").ToArray();
        for (int i = 0; i < rows; i++)
            Assert.Equal(expected[i], score[i], 1e-4);
    }

    [Fact]
    public void Build_Multiclass_ScoreIsSoftmaxWithClassNamesAndPredictedLabelIsKey()
    {
        var ml = new MLContext(1);
        var raw = ml.Data.LoadFromEnumerable(SyntheticData.Multiclass(60, 4));
        var data = SyntheticData.Featurize(ml).Append(ml.Transforms.Conversion.MapValueToKey("Label")).Fit(raw).Transform(raw);
        var features = data.GetColumn<float[]>("Features").SelectMany(f => f).ToArray();
        int rows = 60;
        var snapshot = SyntheticData.RandomSnapshot(TaskKind.MulticlassClassification, 4, 3, seed: 7, temperature: 0.8);
        var chain = ScoringChainFactory.Build(snapshot, "Features", data, data.Schema["Label"], 0).Chain;

        var scored = chain.Transform(data);
        var scoreColumn = scored.Schema["Score"];
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), scoreColumn.Type);
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        scoreColumn.GetSlotNames(ref slotNames);
        var expectedNames = data.Schema["Label"].Annotations;
        var keyValues = default(VBuffer<ReadOnlyMemory<char>>);
        data.Schema["Label"].GetKeyValues(ref keyValues);
        Assert.Equal(keyValues.DenseValues().Select(v => v.ToString()), slotNames.DenseValues().Select(v => v.ToString()));
        var predictedType = Assert.IsType<KeyDataViewType>(scored.Schema["PredictedLabel"].Type);
        Assert.Equal(3ul, predictedType.Count);

        var expected = SnapshotEvaluator.Probabilities(snapshot, SnapshotEvaluator.Forward(snapshot, features, rows), rows);
        var scores = scored.GetColumn<float[]>("Score").ToArray();
        var predicted = scored.GetColumn<uint>("PredictedLabel").ToArray();
        for (int i = 0; i < rows; i++)
        {
            for (int k = 0; k < 3; k++)
                Assert.Equal(expected[i * 3 + k], scores[i][k], 1e-5);
            int argmax = Array.IndexOf(scores[i], scores[i].Max());
            Assert.Equal((uint)(argmax + 1), predicted[i]);
        }
    }
}

/// <summary>Multiclass labels whose key values are numbers (MapValueToKey over a Single column) still score and round-trip.</summary>
public sealed class NumericClassLabelTests
{
    private sealed class Row
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public float Digit { get; set; }
    }

    [Fact]
    public void Build_MulticlassWithNumericKeyValues_ScoresAndSavesLoads()
    {
        var ml = new MLContext(0);
        var random = new Random(2);
        var rows = Enumerable.Range(0, 30).Select(i => new Row { Features = Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble()).ToArray(), Digit = i % 3 * 10 }).ToList();
        var raw = ml.Data.LoadFromEnumerable(rows);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", "Digit").Fit(raw).Transform(raw);
        var snapshot = SyntheticData.RandomSnapshot(TaskKind.MulticlassClassification, 4, 3, seed: 9);
        var chain = ScoringChainFactory.Build(snapshot, "Features", keyed, keyed.Schema["Label"], 0).Chain;
        var scored = chain.Transform(keyed);
        var before = scored.GetColumn<float[]>("Score").SelectMany(s => s).ToArray();
        var predicted = ml.Transforms.Conversion.MapKeyToValue("PredictedDigit", "PredictedLabel").Fit(scored).Transform(scored).GetColumn<float>("PredictedDigit").ToArray();
        Assert.All(predicted, p => Assert.Contains(p, new[] { 0f, 10f, 20f }));
        Assert.Equal(new[] { "0", "10", "20" }, MulticlassHeadData.ClassNames(keyed.Schema["Label"], 3));

        using var stream = new MemoryStream();
        ml.Model.Save(chain, keyed.Schema, stream);
        stream.Position = 0;
        var after = new MLContext(1).Model.Load(stream, out _).Transform(keyed).GetColumn<float[]>("Score").SelectMany(s => s).ToArray();
        Assert.Equal(before, after);
    }
}
